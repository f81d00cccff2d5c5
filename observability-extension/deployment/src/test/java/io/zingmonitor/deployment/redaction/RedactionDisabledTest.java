package io.zingmonitor.deployment.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.PayloadRedactor;
import io.zingmonitor.Sensitive;
import io.zingmonitor.runtime.redaction.SensitiveFieldRedactors;
import io.zingmonitor.runtime.redaction.SensitiveValueRedactor;

/**
 * {@code zingmonitor.redaction.enabled=false} (build time): no redactor is generated for a type with a
 * {@code @Sensitive} field and no log message is scanned; the log context is still renamed to ECS.
 */
class RedactionDisabledTest {

    static final Path LOG_FILE = Path.of("target", "redaction-disabled-test.log");
    static final String CARD = "4000 0566 5566 5556";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Traveller.class))
            .overrideConfigKey("zingmonitor.redaction.enabled", "false")
            .overrideConfigKey("quarkus.log.file.enabled", "true")
            .overrideConfigKey("quarkus.log.file.path", LOG_FILE.toString())
            .setBeforeAllCustomizer(() -> LOG_FILE.toFile().delete());

    @Inject
    Instance<SensitiveValueRedactor> scanner;

    @Test
    void noGeneratedRedactorAndNoScanner() {
        assertThat(SensitiveFieldRedactors.types()).isEmpty();
        assertThat(scanner.isUnsatisfied()).isTrue();
        assertThat(PayloadRedactor.toLogString(new Traveller("Ada", "P-88231-Z")))
                .isEqualTo("Traveller[name=Ada, passportNumber=P-88231-Z]");
    }

    @Test
    void logMessagesAreLeftAsTheyAre() throws Exception {
        Logger.getLogger("com.example.Support").infof("card %s, done", CARD);

        String output = await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(LOG_FILE),
                text -> text.contains(", done"));
        assertThat(output).contains(CARD).doesNotContain("****5556");
    }

    public record Traveller(String name, @Sensitive String passportNumber) {
    }
}
