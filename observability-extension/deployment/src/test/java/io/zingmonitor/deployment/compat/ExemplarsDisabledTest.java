package io.zingmonitor.deployment.compat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.runtime.compat.BucketExemplarsPrometheusRegistry;

/**
 * {@code zingmonitor.exemplars.enabled=false} (build time): Quarkus's own Prometheus registry stays,
 * where {@link OnePrometheusRegistryTest} shows ZingMonitor's replacing it.
 */
class ExemplarsDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withEmptyApplication()
            .overrideConfigKey("zingmonitor.exemplars.enabled", "false");

    @Inject
    PrometheusMeterRegistry scraped;

    @Test
    void quarkusRegistryIsScraped() {
        assertThat(ClientProxy.unwrap(scraped)).isNotInstanceOf(BucketExemplarsPrometheusRegistry.class);
    }
}
