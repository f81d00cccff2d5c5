package io.zingmonitor.deployment;

import java.util.List;
import java.util.Map;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.gizmo.Gizmo;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import io.quarkus.vertx.http.deployment.ManagementInterfaceFilterBuildItem;
import io.quarkus.vertx.http.runtime.management.ManagementInterfaceBuildTimeConfig;
import io.zingmonitor.runtime.tracing.BucketExemplarsPrometheusRegistry;
import io.zingmonitor.runtime.tracing.DatabaseSpanAttributes;
import io.zingmonitor.runtime.tracing.SpanExportAccounting;
import io.zingmonitor.runtime.tracing.SpanExportMetrics;
import io.zingmonitor.runtime.tracing.TracingProducer;
import io.zingmonitor.runtime.tracing.TracingRecorder;

/**
 * Traces: the sampler and resource attributes, export defaults with a bounded queue, the count of
 * spans that never reach the backend, and OpenMetrics for Prometheus so latency exemplars link to them.
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

    /** Quarkus's OTLP span processor factory, whose {@code BatchSpanProcessor.builder} call is redirected. */
    static final String OTLP_RECORDER = "io.quarkus.opentelemetry.runtime.exporter.otlp.OTelExporterRecorder$1";
    private static final String BATCH_SPAN_PROCESSOR = "io/opentelemetry/sdk/trace/export/BatchSpanProcessor";

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

    @BuildStep
    BytecodeTransformerBuildItem accountSpanExport() {
        return new BytecodeTransformerBuildItem(OTLP_RECORDER, (className, visitor) -> new ClassVisitor(Gizmo.ASM_API_VERSION, visitor) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Gizmo.ASM_API_VERSION, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals(BATCH_SPAN_PROCESSOR) && method.equals("builder")) {
                            super.visitMethodInsn(opcode, SpanExportAccounting.class.getName().replace('.', '/'),
                                    "batchSpanProcessor", methodDescriptor, false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, methodDescriptor, isInterface);
                        }
                    }
                };
            }
        });
    }

    /** Quarkus's producer of the Prometheus registry, which ours replaces. */
    static final String QUARKUS_PROMETHEUS_REGISTRY_PRODUCER = "io.quarkus.micrometer.runtime.export.PrometheusMeterRegistryProducer";

    /** Exemplars sampled for histogram buckets only: no trace lookup for meters whose exemplars no panel reads. */
    @BuildStep(onlyIf = { PrometheusRegistryPresent.class, ExemplarsEnabled.class })
    AdditionalBeanBuildItem exemplarSafeRegistry() {
        return AdditionalBeanBuildItem.unremovableOf(BucketExemplarsPrometheusRegistry.Producer.class);
    }

    /**
     * Quarkus's own registry out of the application, not merely outranked: Quarkus adds every
     * registry bean to the global one, so both would record every meter, at twice the cost.
     */
    @BuildStep(onlyIf = { PrometheusRegistryPresent.class, ExemplarsEnabled.class })
    ExcludedTypeBuildItem quarkusPrometheusRegistry() {
        return new ExcludedTypeBuildItem(QUARKUS_PROMETHEUS_REGISTRY_PRODUCER);
    }

    /**
     * On the management interface, where the metrics endpoint lives when it is enabled. Management
     * filters run in ascending priority (unlike main-router filters): this one goes first, ahead of
     * authentication (-200), since it only narrows a header.
     */
    @BuildStep(onlyIf = PrometheusRegistryPresent.class)
    @Record(ExecutionTime.STATIC_INIT)
    void openMetricsForPrometheus(TracingRecorder recorder, ManagementInterfaceBuildTimeConfig management,
            BuildProducer<ManagementInterfaceFilterBuildItem> managementFilters, BuildProducer<FilterBuildItem> filters) {
        if (management.enabled()) {
            managementFilters.produce(new ManagementInterfaceFilterBuildItem(recorder.openMetricsNegotiation(), -300));
        } else {
            filters.produce(new FilterBuildItem(recorder.openMetricsNegotiation(), OPEN_METRICS_PRIORITY));
        }
    }

    /** Main router: ahead of ZingMonitor's own public-API filter (2000). */
    static final int OPEN_METRICS_PRIORITY = 3000;

    /** The service exposes Prometheus metrics (quarkus-micrometer-registry-prometheus). */
    static final class PrometheusRegistryPresent implements java.util.function.BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return io.quarkus.bootstrap.classloading.QuarkusClassLoader
                    .isClassPresentAtRuntime("io.micrometer.prometheus.PrometheusMeterRegistry");
        }
    }
}
