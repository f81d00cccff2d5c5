package io.zingmonitor.deployment.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;

/** Loggers named per user or per request must not make a series each: past the bound they count as "other". */
class LogEventLoggerBoundTest {

    static final int MAX_LOGGERS = 40;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("zingmonitor.metrics.max-loggers", Integer.toString(MAX_LOGGERS));

    @Inject
    MeterRegistry registry;

    @Test
    void distinctLoggersAreBoundedAndEveryLineIsStillCounted() {
        double before = total();
        for (int i = 0; i < 300; i++) {
            Logger.getLogger("com.example.flood.Logger" + i).warn("line " + i);
        }

        Set<String> loggers = registry.find("zingmonitor.log.events").functionCounters().stream()
                .map(counter -> counter.getId().getTag("logger")).collect(Collectors.toSet());
        assertThat(loggers).contains("other");
        assertThat(loggers.size()).isLessThanOrEqualTo(MAX_LOGGERS + 1);
        assertThat(total() - before).isEqualTo(300);
        assertThat(registry.find("zingmonitor.log.events").tags("level", "WARN", "logger", "other").functionCounter()
                .count()).isGreaterThanOrEqualTo(300 - MAX_LOGGERS);
    }

    private double total() {
        return registry.find("zingmonitor.log.events").tag("level", "WARN").functionCounters().stream()
                .mapToDouble(FunctionCounter::count).sum();
    }
}
