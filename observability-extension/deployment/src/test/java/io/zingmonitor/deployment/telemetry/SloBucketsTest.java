package io.zingmonitor.deployment.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.Observed;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;

/** The configured SLO buckets (build time, where the rules that query them are generated) reach the histograms. */
class SloBucketsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Checkout.class))
            .overrideConfigKey("zingmonitor.metrics.slo-buckets", "0.3,0.5,3");

    @Inject
    Checkout checkout;

    @Inject
    MeterRegistry registry;

    @Test
    void observedOperationsHaveBucketsAtTheConfiguredThresholds() {
        checkout.pay();

        var timer = registry.get(MeterCatalogue.OPERATION_DURATION.micrometerName()).tag("operation", "checkout.pay").timer();
        CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
        assertThat(Arrays.stream(buckets).map(b -> b.bucket(TimeUnit.SECONDS))).containsExactly(0.3, 0.5, 3.0);
        assertThat(buckets[0].count()).isEqualTo(1);
    }

    @ApplicationScoped
    public static class Checkout {

        @Observed("checkout.pay")
        public void pay() {
        }
    }
}
