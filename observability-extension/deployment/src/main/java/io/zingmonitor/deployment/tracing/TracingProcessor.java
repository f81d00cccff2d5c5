package io.zingmonitor.deployment.tracing;

import java.util.Map;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.zingmonitor.deployment.ZingMonitorEnabled;
import io.zingmonitor.runtime.tracing.DatabaseSpanAttributes;
import io.zingmonitor.runtime.tracing.SpanExportMetrics;
import io.zingmonitor.runtime.tracing.TracingProducer;

/**
 * Traces: the sampler and resource attributes, export defaults with a bounded queue, and the meters of
 * spans that never reach the backend (counted by a patch in the compat package).
 */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class TracingProcessor {

    /**
     * Export defaults, each overridable in {@code application.properties}. The queue is bounded so
     * that a backend outage costs dropped spans (counted), never memory; exports give up after 10 s
     * so a dead backend does not hold the exporting thread for Quarkus's 30 s default.
     */
    static final Map<String, String> EXPORT_DEFAULTS = Map.of(
            "quarkus.otel.bsp.max.queue.size", "2048",
            "quarkus.otel.bsp.max.export.batch.size", "512",
            "quarkus.otel.bsp.schedule.delay", "1s",
            "quarkus.otel.bsp.export.timeout", "10s");

    @BuildStep
    AdditionalBeanBuildItem tracingBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(TracingProducer.class, SpanExportMetrics.class, DatabaseSpanAttributes.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    void exportDefaults(BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        EXPORT_DEFAULTS.forEach((key, value) -> defaults.produce(new RunTimeConfigurationDefaultBuildItem(key, value)));
    }
}
