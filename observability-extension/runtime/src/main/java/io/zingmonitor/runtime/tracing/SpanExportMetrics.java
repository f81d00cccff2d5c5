package io.zingmonitor.runtime.tracing;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Spans lost on the way to the tracing backend, by reason, and the export queue's fill: with the
 * backend down the queue stays at its bound ({@code quarkus.otel.bsp.max.queue.size}) and the
 * dropped count grows, while requests are served as usual.
 */
@Singleton
public class SpanExportMetrics implements MeterBinder {

    public static final String SPANS_DROPPED = "zingmonitor.spans.dropped";
    public static final String SPANS_QUEUED = "zingmonitor.spans.queued";

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(SPANS_DROPPED, SpanExportAccounting.class, ignored -> SpanExportAccounting.droppedQueueFull())
                .description("Spans never exported: dropped from the full export queue (queue_full) or in a failed export (export_failed)")
                .tag("reason", "queue_full")
                .register(registry);
        FunctionCounter.builder(SPANS_DROPPED, SpanExportAccounting.class, ignored -> SpanExportAccounting.droppedExportFailed())
                .description("Spans never exported: dropped from the full export queue (queue_full) or in a failed export (export_failed)")
                .tag("reason", "export_failed")
                .register(registry);
        Gauge.builder(SPANS_QUEUED, SpanExportAccounting.class, ignored -> SpanExportAccounting.queued())
                .description("Spans waiting in the bounded export queue")
                .register(registry);
    }
}
