package io.zingmonitor.deployment.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The committed {@code docs/configuration.md} is what the configuration mappings' javadoc renders
 * to: a property added, removed, renamed or re-documented without regenerating it fails here.
 */
class ConfigurationReferenceTest {

    static final Path CONFIG_DOC = Path.of("..", "runtime", "target", "quarkus-config-doc");
    static final Path COMMITTED = Path.of("..", "..", "docs", "configuration.md");

    @Test
    void committedReferenceMatchesTheConfigMappings() throws Exception {
        assertThat(CONFIG_DOC.resolve("quarkus-config-model.yaml"))
                .as("config metadata of the runtime module (build it first)").exists();
        String rendered = ConfigurationReference.render(CONFIG_DOC);
        if (Boolean.getBoolean("zingmonitor.docs.write")) {
            Files.writeString(COMMITTED, rendered);
        }
        assertThat(rendered).contains("`zingmonitor.enabled`", "`zingmonitor.rate-limit.requests-per-second`");
        assertThat(Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "")
                .as("docs/configuration.md is stale: run make generate")
                .isEqualTo(rendered);
    }
}
