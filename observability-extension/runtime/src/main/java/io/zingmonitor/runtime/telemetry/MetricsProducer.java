package io.zingmonitor.runtime.telemetry;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig;

/**
 * Hands ZingMonitor's meter filters to Quarkus Micrometer, which applies every MeterFilter bean. The
 * SLO histogram filter is a synthetic bean: its buckets are build-time configuration, recorded.
 */
@Singleton
public class MetricsProducer {

    public static final String APPLICATION_TAG = "application";

    /**
     * Every meter carries the service's name, so one set of rules and dashboards serves every
     * service. Not {@code service}: Prometheus Operator sets that target label to the Kubernetes
     * Service's name, and the two would clash.
     */
    @Produces
    @Singleton
    MeterFilter applicationTag(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(Tags.of(APPLICATION_TAG, application));
    }

    @Produces
    @Singleton
    MeterFilter prometheusNaming(ZingMonitorRuntimeConfig config) {
        return config.metrics().prometheusNaming() ? new PrometheusNamingMeterFilter() : new MeterFilter() {
        };
    }

    @Produces
    @Singleton
    CardinalityGuardMeterFilter cardinalityGuard(ZingMonitorRuntimeConfig config) {
        return new CardinalityGuardMeterFilter(config.metrics().maxTagValues());
    }
}
