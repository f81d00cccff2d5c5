package io.zingmonitor.deployment.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.deployment.telemetry.InMemorySpans;

/** The sampler, resource attributes and export metrics ZingMonitor contributes to Quarkus's OpenTelemetry SDK. */
class TracingDefaultsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(InMemorySpans.class))
            .overrideConfigKey("zingmonitor.tracing.sample-ratio", "0.0")
            .overrideConfigKey("zingmonitor.tracing.environment", "staging");

    @Inject
    Tracer tracer;

    @Inject
    MeterRegistry registry;

    @Test
    void theConfiguredRatioDecidesForNewTraces() {
        Span root = tracer.spanBuilder("root").startSpan();
        try {
            assertThat(root.getSpanContext().isSampled()).as("a new trace at ratio 0").isFalse();
        } finally {
            root.end();
        }
    }

    /** Quarkus merges every Resource bean into the SDK's resource (the system test reads it back from Jaeger). */
    @Test
    void theResourceNamesTheDeploymentEnvironment() {
        assertThat(io.quarkus.arc.Arc.container().select(Resource.class).stream()
                .map(r -> r.getAttribute(AttributeKey.stringKey("deployment.environment")))
                .filter(java.util.Objects::nonNull)).containsExactly("staging");
    }

    @Test
    void droppedSpansAreCountedByReason() {
        assertThat(registry.get("zingmonitor.spans.dropped").tag("reason", "queue_full").functionCounter()).isNotNull();
        assertThat(registry.get("zingmonitor.spans.dropped").tag("reason", "export_failed").functionCounter()).isNotNull();
        assertThat(registry.get("zingmonitor.spans.queued").gauge()).isNotNull();
    }
}
