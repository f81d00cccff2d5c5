package io.zingmonitor.runtime.telemetry;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;
import io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig;

/** Hands ZingMonitor's meter filters to Quarkus Micrometer, which applies every MeterFilter bean. */
@Singleton
public class MetricsProducer {

    @Produces
    @Singleton
    SloHistogramMeterFilter sloHistograms(ZingMonitorRuntimeConfig config) {
        return new SloHistogramMeterFilter(config.metrics().sloBuckets());
    }

    @Produces
    @Singleton
    CardinalityGuardMeterFilter cardinalityGuard(ZingMonitorRuntimeConfig config) {
        return new CardinalityGuardMeterFilter(config.metrics().maxTagValues());
    }
}
