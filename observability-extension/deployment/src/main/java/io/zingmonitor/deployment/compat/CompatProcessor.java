package io.zingmonitor.deployment.compat;

import java.util.function.BooleanSupplier;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.gizmo.Gizmo;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import io.quarkus.vertx.http.deployment.ManagementInterfaceFilterBuildItem;
import io.quarkus.vertx.http.runtime.management.ManagementInterfaceBuildTimeConfig;
import io.zingmonitor.deployment.ZingMonitorEnabled;
import io.zingmonitor.runtime.compat.BucketExemplarsPrometheusRegistry;
import io.zingmonitor.runtime.compat.CompatRecorder;
import io.zingmonitor.runtime.compat.SpanExportAccounting;

/**
 * ZingMonitor's patches of Quarkus internals, each behind its own switch, each pinned by a test of the
 * shape it patches ({@code QuarkusInternalsTest}): the OTLP exporter recorder's span processor, the
 * Prometheus registry producer, and the metrics endpoint's content negotiation.
 */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class CompatProcessor {

    /** Quarkus's OTLP span processor factory, whose {@code BatchSpanProcessor.builder} call is redirected. */
    static final String OTLP_RECORDER = "io.quarkus.opentelemetry.runtime.exporter.otlp.OTelExporterRecorder$1";
    static final String BATCH_SPAN_PROCESSOR = "io/opentelemetry/sdk/trace/export/BatchSpanProcessor";
    static final String BUILDER = "builder";

    /** Quarkus's producer of the Prometheus registry, which ours replaces. */
    static final String QUARKUS_PROMETHEUS_REGISTRY_PRODUCER = "io.quarkus.micrometer.runtime.export.PrometheusMeterRegistryProducer";

    /** Main router: ahead of ZingMonitor's own public-API filter (2000). */
    static final int OPEN_METRICS_PRIORITY = 3000;

    /**
     * Redirects the one call, and fails the build when it is not there: a Quarkus that builds its span
     * processor elsewhere would otherwise leave the dropped-span meters silently at zero.
     */
    @BuildStep(onlyIf = SpanExportAccountingEnabled.class)
    BytecodeTransformerBuildItem accountSpanExport() {
        return new BytecodeTransformerBuildItem(OTLP_RECORDER, (className, visitor) -> new ClassVisitor(Gizmo.ASM_API_VERSION, visitor) {
            private boolean redirected;

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Gizmo.ASM_API_VERSION, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals(BATCH_SPAN_PROCESSOR) && method.equals(BUILDER)) {
                            redirected = true;
                            super.visitMethodInsn(opcode, SpanExportAccounting.class.getName().replace('.', '/'),
                                    "batchSpanProcessor", methodDescriptor, false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, methodDescriptor, isInterface);
                        }
                    }
                };
            }

            @Override
            public void visitEnd() {
                if (!redirected) {
                    throw new IllegalStateException(className + " no longer calls BatchSpanProcessor.builder: this Quarkus"
                            + " version needs a new span-export patch; set zingmonitor.compat.span-export-accounting.enabled=false"
                            + " to build without it");
                }
                super.visitEnd();
            }
        });
    }

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
    @BuildStep(onlyIf = { PrometheusRegistryPresent.class, OpenMetricsAcceptEnabled.class })
    @Record(ExecutionTime.STATIC_INIT)
    void openMetricsForPrometheus(CompatRecorder recorder, ManagementInterfaceBuildTimeConfig management,
            BuildProducer<ManagementInterfaceFilterBuildItem> managementFilters, BuildProducer<FilterBuildItem> filters) {
        if (management.enabled()) {
            managementFilters.produce(new ManagementInterfaceFilterBuildItem(recorder.openMetricsNegotiation(), -300));
        } else {
            filters.produce(new FilterBuildItem(recorder.openMetricsNegotiation(), OPEN_METRICS_PRIORITY));
        }
    }

    /** The service exposes Prometheus metrics (quarkus-micrometer-registry-prometheus). */
    static final class PrometheusRegistryPresent implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.prometheus.PrometheusMeterRegistry");
        }
    }
}
