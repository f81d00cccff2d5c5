package io.zingmonitor.runtime.tracing;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zingmonitor.runtime.compat.SpanExportAccounting;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;

/**
 * Spans lost on the way to the tracing backend, by reason, and the export queue's fill: with the
 * backend down the queue stays at its bound ({@code quarkus.otel.bsp.max.queue.size}) and the
 * dropped count grows, while requests are served as usual.
 */
@Singleton
public class SpanExportMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        MeterCatalogue.SPANS_DROPPED.functionCounter(SpanExportAccounting.class, ignored -> SpanExportAccounting.droppedQueueFull())
                .tag("reason", "queue_full")
                .register(registry);
        MeterCatalogue.SPANS_DROPPED.functionCounter(SpanExportAccounting.class, ignored -> SpanExportAccounting.droppedExportFailed())
                .tag("reason", "export_failed")
                .register(registry);
        MeterCatalogue.SPANS_QUEUED.gauge(SpanExportAccounting.class, ignored -> SpanExportAccounting.queued())
                .register(registry);
    }
}
