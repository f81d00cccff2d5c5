package io.zingmonitor.deployment.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Produces;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.gizmo.Gizmo;
import io.zingmonitor.runtime.compat.BucketExemplarsPrometheusRegistry;
import io.zingmonitor.runtime.compat.SpanExportAccounting;

/**
 * Pins the shape of what the compat package patches in Quarkus, so that an upgrade which changes it
 * fails here, naming the patch, rather than silently in production (no dropped-span counts, two
 * registries recording every meter). The content negotiation is pinned by
 * {@link OpenMetricsAcceptDisabledTest}.
 */
class QuarkusInternalsTest {

    @Test
    void theOtlpExporterRecorderStillBuildsItsSpanProcessorThroughBatchSpanProcessorBuilder() throws Exception {
        List<String> calls = new ArrayList<>();
        try (InputStream bytes = getClass().getClassLoader()
                .getResourceAsStream(CompatProcessor.OTLP_RECORDER.replace('.', '/') + ".class")) {
            assertThat(bytes).as(CompatProcessor.OTLP_RECORDER + " (span-export patch)").isNotNull();
            new ClassReader(bytes).accept(new ClassVisitor(Gizmo.ASM_API_VERSION) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Gizmo.ASM_API_VERSION) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                boolean isInterface) {
                            if (opcode == Opcodes.INVOKESTATIC && owner.equals(CompatProcessor.BATCH_SPAN_PROCESSOR)
                                    && method.equals(CompatProcessor.BUILDER)) {
                                calls.add(methodDescriptor);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
        }
        // The redirect keeps the descriptor: the replacement must take and return the same types.
        Method replacement = Arrays.stream(SpanExportAccounting.class.getMethods())
                .filter(m -> m.getName().equals("batchSpanProcessor")).findFirst().orElseThrow();
        assertThat(calls).containsExactly(org.objectweb.asm.Type.getMethodDescriptor(replacement));
    }

    @Test
    void quarkusStillProducesItsPrometheusRegistryFromTheArgumentsOursTakes() throws Exception {
        Class<?> producer = Class.forName(CompatProcessor.QUARKUS_PROMETHEUS_REGISTRY_PRODUCER);
        Method quarkus = registryProducer(producer);
        Method ours = registryProducer(BucketExemplarsPrometheusRegistry.Producer.class);
        assertThat(quarkus.getGenericParameterTypes()).containsExactlyInAnyOrder(ours.getGenericParameterTypes());
        // Ours wins only while its priority is the higher one.
        assertThat(ours.getAnnotation(Priority.class).value()).isGreaterThan(quarkus.getAnnotation(Priority.class).value());
    }

    private static Method registryProducer(Class<?> producer) {
        return Arrays.stream(producer.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Produces.class) && m.getReturnType() == PrometheusMeterRegistry.class)
                .findFirst().orElseThrow(() -> new AssertionError(producer + " no longer produces the Prometheus registry"));
    }
}
