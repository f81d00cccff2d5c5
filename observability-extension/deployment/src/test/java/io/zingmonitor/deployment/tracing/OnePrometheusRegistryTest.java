package io.zingmonitor.deployment.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.runtime.tracing.BucketExemplarsPrometheusRegistry;

/**
 * ZingMonitor's registry replaces Quarkus's rather than joining it: with both, every meter would be
 * recorded twice, once in a registry nobody scrapes.
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

    private static Object unwrapped(MeterRegistry registry) {
        return io.quarkus.arc.ClientProxy.unwrap(registry);
    }
}
