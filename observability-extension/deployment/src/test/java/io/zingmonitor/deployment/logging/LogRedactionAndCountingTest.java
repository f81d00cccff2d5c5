package io.zingmonitor.deployment.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;

class LogRedactionAndCountingTest {

    static final Path LOG_FILE = Path.of("target", "redaction-test.log");
    static final String CARD = "4000 0566 5566 5556";
    static final String CARD_COMPACT = "4000056655665556";
    static final String EMAIL = "grace.hopper@example.com";
    static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.secretpayload";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.log.file.enabled", "true")
            .overrideConfigKey("quarkus.log.file.path", LOG_FILE.toString())
            .setBeforeAllCustomizer(() -> LOG_FILE.toFile().delete());

    @Inject
    MeterRegistry registry;

    private static final Logger LOG = Logger.getLogger("com.example.Checkout");

    @Test
    void secretsInAnyMessageAreMaskedInTheRealOutput() throws Exception {
        LOG.infof("charging card %s for %s with Authorization: Bearer %s", CARD, EMAIL, TOKEN);
        LOG.warn("payload {\"cardNumber\":\"" + CARD_COMPACT + "\",\"cvc\":\"737\",\"password\":\"hunter2\"}");
        LOG.error("checkout failed", new IllegalStateException("declined card " + CARD_COMPACT));
        LOG.info("order 1234567890123 of 13 digits that fail Luhn stays readable");

        String output = await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(LOG_FILE),
                text -> text.contains("stays readable"));
        assertThat(output).doesNotContain(CARD, CARD_COMPACT, EMAIL, TOKEN, "hunter2", "\"737\"");
        assertThat(output).contains("****5556", "g***@example.com", "Bearer [REDACTED]",
                "java.lang.IllegalStateException: declined card ****5556", "1234567890123");
    }

    @Test
    void errorLinesAreCountedByLevelAndLogger() {
        Logger logger = Logger.getLogger("com.example.Counting");
        double before = count("ERROR", "com.example.Counting");
        logger.error("first");
        logger.error("second");
        logger.warn("not an error");
        assertThat(count("ERROR", "com.example.Counting") - before).isEqualTo(2);
        assertThat(count("WARN", "com.example.Counting")).isEqualTo(1);
    }

    private double count(String level, String logger) {
        var counter = registry.find("zingmonitor.log.events").tags("level", level, "logger", logger).functionCounter();
        return counter == null ? 0 : counter.count();
    }
}
