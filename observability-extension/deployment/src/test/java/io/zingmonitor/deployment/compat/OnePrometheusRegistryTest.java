package io.zingmonitor.deployment.compat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.runtime.compat.BucketExemplarsPrometheusRegistry;
import io.zingmonitor.runtime.compat.SpanExportAccounting;

/**
 * The compat patches at their defaults. ZingMonitor's registry replaces Quarkus's rather than joining it:
 * with both, every meter would be recorded twice, once in a registry nobody scrapes.
 */
class OnePrometheusRegistryTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withEmptyApplication();

    @Inject
    PrometheusMeterRegistry scraped;

    @Test
    void theScrapedRegistryIsTheOnlyOneRecording() {
        assertThat(scraped).isInstanceOf(BucketExemplarsPrometheusRegistry.class);
        assertThat(Metrics.globalRegistry.getRegistries()).filteredOn(PrometheusMeterRegistry.class::isInstance)
                .singleElement().matches(registry -> unwrapped(registry) == unwrapped(scraped));
    }

    /** The {@code Accept} patch: Prometheus gets OpenMetrics, the format that carries exemplars. */
    @Test
    void prometheusGetsOpenMetrics() {
        given().header("Accept", PrometheusScrape.ACCEPT).get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("application/openmetrics-text"));
    }

    /** The span-export patch is in place (the OTLP exporter recorder ran through it). */
    @Test
    void theSpanProcessorIsBuiltThroughTheAccounting() {
        assertThat(SpanExportAccounting.installed()).isTrue();
    }

    private static Object unwrapped(MeterRegistry registry) {
        return io.quarkus.arc.ClientProxy.unwrap(registry);
    }
}
