package io.zingmonitor.deployment.telemetry;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.zingmonitor.deployment.plan.ObservedMethodBuildItem;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.runtime.telemetry.MetricsProducer;
import io.zingmonitor.runtime.telemetry.ObservedInterceptor;
import io.zingmonitor.runtime.telemetry.ObservedOperations;
import io.zingmonitor.runtime.telemetry.SloHistogramMeterFilter;
import io.zingmonitor.runtime.telemetry.TelemetryRecorder;
import io.zingmonitor.deployment.ZingMonitorEnabled;

/** Metrics and spans: the {@code @Observed} interceptor, the SLO buckets and the cardinality guard. */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class TelemetryProcessor {

    @BuildStep
    AdditionalBeanBuildItem telemetryBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ObservedInterceptor.class, MetricsProducer.class)
                .setUnremovable()
                .build();
    }

    /** Quarkus Micrometer applies every {@link MeterFilter} bean to its registries. */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem sloHistograms(TelemetryRecorder recorder, ZingMonitorBuildTimeConfig config) {
        return SyntheticBeanBuildItem.configure(SloHistogramMeterFilter.class)
                .types(MeterFilter.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.sloHistograms(config.metrics().sloBuckets()))
                .done();
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem observedOperations(TelemetryRecorder recorder, List<ObservedMethodBuildItem> observedMethods) {
        Map<String, List<String>> attributes = observedMethods.stream()
                .collect(Collectors.toMap(ObservedMethodBuildItem::getMethodKey,
                        ObservedMethodBuildItem::getAttributesByPosition, (a, b) -> a));
        return SyntheticBeanBuildItem.configure(ObservedOperations.class)
                .scope(Singleton.class)
                .supplier(recorder.observedOperations(attributes))
                .done();
    }
}
