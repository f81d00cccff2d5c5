package io.zingmonitor.deployment.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** The log filter takes its settings from ZingMonitor's runtime configuration. */
class RedactionSettingsTest {

    static final Path LOG_FILE = Path.of("target", "redaction-settings-test.log");
    static final String CARD = "4000 0566 5566 5556";
    static final String EMAIL = "grace.hopper@example.com";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("zingmonitor.redaction.mask-emails", "false")
            .overrideConfigKey("quarkus.log.file.enabled", "true")
            .overrideConfigKey("quarkus.log.file.path", LOG_FILE.toString())
            .setBeforeAllCustomizer(() -> LOG_FILE.toFile().delete());

    @Test
    void emailsStayReadableWhenMaskingThemIsSwitchedOffWhileCardsAreStillMasked() throws Exception {
        Logger.getLogger("com.example.Support").infof("card %s of %s, done", CARD, EMAIL);

        String output = await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(LOG_FILE),
                text -> text.contains(", done"));
        assertThat(output).contains(EMAIL, "****5556").doesNotContain(CARD);
    }
}
