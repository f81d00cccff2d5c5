package io.zingtickets.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.zingtickets.infra.Tools;

/** The drill's rules come from the same generator and settings as the committed ones: only the time scale differs. */
class DrillRulesTest {

    @Test
    void withNoOtherSettingsTheyAreTheCommittedRules() throws Exception {
        for (String service : RunningSystem.SERVICES) {
            String committed = Files.readString(Tools.repositoryRoot().resolve("monitoring/rules/" + service + ".rules.yml"));
            assertThat(new String(DrillRules.generate(service, Map.of()), StandardCharsets.UTF_8)).as(service).isEqualTo(committed);
        }
    }

    @Test
    void compressedTheyKeepEveryRuleAndShortenItsTime() throws Exception {
        for (String service : RunningSystem.SERVICES) {
            String committed = Files.readString(Tools.repositoryRoot().resolve("monitoring/rules/" + service + ".rules.yml"));
            String drill = new String(DrillRules.generate(service, DrillRules.COMPRESSED), StandardCharsets.UTF_8);
            assertThat(drill.lines().filter(l -> l.contains("alert:") || l.contains("record:")).toList()).as(service)
                    .isEqualTo(committed.lines().filter(l -> l.contains("alert:") || l.contains("record:")).toList());
            assertThat(drill).as(service).contains("[20s]").doesNotContain("[5m]", "for: 5m");
        }
    }
}
