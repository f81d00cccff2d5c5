package io.zingmonitor.deployment;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.zingmonitor.deployment.plan.ObservedMethodBuildItem;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.runtime.telemetry.MetricsProducer;
import io.zingmonitor.runtime.telemetry.ObservedInterceptor;
import io.zingmonitor.runtime.telemetry.TelemetryRecorder;

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

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void sloBuckets(TelemetryRecorder recorder, ZingMonitorBuildTimeConfig config) {
        recorder.sloBuckets(config.metrics().sloBuckets());
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void observedOperations(TelemetryRecorder recorder, List<ObservedMethodBuildItem> observedMethods) {
        Map<String, List<String>> attributes = observedMethods.stream()
                .collect(Collectors.toMap(ObservedMethodBuildItem::getMethodKey,
                        ObservedMethodBuildItem::getAttributesByPosition, (a, b) -> a));
        recorder.observedOperations(attributes);
    }
}
