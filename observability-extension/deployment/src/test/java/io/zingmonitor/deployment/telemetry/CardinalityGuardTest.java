package io.zingmonitor.deployment.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;

class CardinalityGuardTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("zingmonitor.metrics.max-tag-values", "50")
            .overrideConfigKey("quarkus.application.name", "login-app");

    @Inject
    MeterRegistry registry;

    @Test
    void tenThousandUserIdsProduceABoundedNumberOfSeries() {
        for (int user = 0; user < 10_000; user++) {
            registry.counter("test.logins", "user", "user-" + user, "result", "ok").increment();
        }

        assertThat(registry.find("test.logins").counters()).hasSize(51); // 50 admitted values + OTHER
        double total = registry.find("test.logins").counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(total).isEqualTo(10_000); // nothing is lost, only folded
        assertThat(registry.get("test.logins").tag("user", "OTHER").counter().count()).isEqualTo(9_950);
        assertThat(registry.get("test.logins").tag("user", "OTHER").counter().getId().getTag("application"))
                .isEqualTo("login-app");
        assertThat(registry.get("zingmonitor.cardinality.overflow").tags("meter", "test.logins", "tag", "user")
                .functionCounter().count()).isGreaterThan(0);
    }
}
