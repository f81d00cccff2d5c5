package io.zingmonitor.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.Observed;
import io.zingmonitor.PayloadRedactor;
import io.zingmonitor.runtime.logging.LogEventMetrics;
import io.zingmonitor.runtime.logging.RedactingLogFilter;
import io.zingmonitor.runtime.messaging.ChannelMetricsCollector;
import io.zingmonitor.runtime.redaction.SensitiveFieldRedactors;
import io.zingmonitor.runtime.telemetry.MetricsProducer;

/** The benchmark baseline: with {@code zingmonitor.enabled=false} nothing of ZingMonitor remains. */
class ZingMonitorDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Service.class, Credentials.class))
            .overrideConfigKey("zingmonitor.enabled", "false");

    @Inject
    Service service;

    @Inject
    MeterRegistry registry;

    @Test
    void noBeanNoMeterNoEndpoint() {
        service.work();
        org.jboss.logging.Logger.getLogger("x").error("an error that nobody counts");

        for (Class<?> bean : new Class<?>[] { MetricsProducer.class, LogEventMetrics.class, RedactingLogFilter.class,
                ChannelMetricsCollector.class }) {
            assertThat(Arc.container().instance(bean).isAvailable()).as(bean.getSimpleName()).isFalse();
        }
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                .noneMatch(name -> name.startsWith("zingmonitor"));
        given().get("/q/zingmonitor").then().statusCode(404);
        // No redactor generated: a payload falls back to its own toString(), which the type must make safe.
        assertThat(SensitiveFieldRedactors.types()).isEmpty();
        assertThat(PayloadRedactor.toLogString(new Credentials("ada", "s3cr3t-pass"))).startsWith("Credentials[");
    }

    public record Credentials(String user, String password) {
    }

    @ApplicationScoped
    public static class Service {
        @Observed("work")
        public String work() {
            return "done";
        }
    }
}
