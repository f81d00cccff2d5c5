package io.zingmonitor.runtime.compat;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.microprofile.config.ConfigProvider;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Counts the spans that never reach the tracing backend. Quarkus builds its OTLP
 * {@link BatchSpanProcessor} without a meter provider, so the processor's own count of spans dropped
 * from its full queue goes nowhere, and a failed export is only logged. ZingMonitor rewrites that one
 * call at build time ({@code CompatProcessor}, switched by
 * {@code zingmonitor.compat.span-export-accounting.enabled}; off, the counts stay at zero) to {@link #batchSpanProcessor}: the same processor,
 * configured the same way by Quarkus afterwards, but reporting its drops to a private meter provider
 * read here, and exporting through an exporter that counts the spans of every failed export. The same
 * place thins out the traces of refused requests ({@link RefusedRequestSpanFilter}).
 * <p>
 * Static on purpose: the rewritten call sits inside Quarkus's own exporter recorder, which runs
 * outside CDI and cannot be handed a bean, so the counts live where that bytecode can reach them.
 */
public final class SpanExportAccounting {

    private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");
    /** The batch span processor's metric names (OpenTelemetry SDK, "legacy" internal telemetry). */
    private static final String PROCESSED_SPANS = "processedSpans";
    private static final String QUEUE_SIZE = "queueSize";

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final LongAdder FAILED_EXPORTS = new LongAdder();
    private static final Reader READER = new Reader();
    private static final SdkMeterProvider METER_PROVIDER = SdkMeterProvider.builder().registerMetricReader(READER).build();

    private SpanExportAccounting() {
    }

    /** Replaces {@code BatchSpanProcessor.builder(exporter)} in Quarkus's OTLP exporter recorder. */
    public static BatchSpanProcessorBuilder batchSpanProcessor(SpanExporter exporter) {
        INSTALLED.set(true);
        SpanExporter counted = new CountingSpanExporter(exporter);
        // Refusals thinned out first, so that a failed export counts the spans it really lost.
        return BatchSpanProcessor.builder(RefusedRequestSpanFilter.around(counted, ConfigProvider.getConfig()))
                .setMeterProvider(METER_PROVIDER);
    }

    /** Whether the export pipeline was built through {@link #batchSpanProcessor} (OTLP export is on). */
    public static boolean installed() {
        return INSTALLED.get();
    }

    /** Spans the batch processor dropped because its bounded queue was full. */
    public static double droppedQueueFull() {
        return sum(PROCESSED_SPANS, true);
    }

    /** Spans in exports that failed (backend unreachable, refused, timed out): the SDK does not retry them. */
    public static double droppedExportFailed() {
        return FAILED_EXPORTS.sum();
    }

    /** Spans waiting in the batch processor's queue. */
    public static double queued() {
        return READER.collect().stream().filter(metric -> metric.getName().equals(QUEUE_SIZE))
                .flatMap(metric -> metric.getLongGaugeData().getPoints().stream())
                .mapToLong(LongPointData::getValue).sum();
    }

    private static double sum(String name, boolean dropped) {
        return READER.collect().stream().filter(metric -> metric.getName().equals(name))
                .flatMap(metric -> metric.getLongSumData().getPoints().stream())
                .filter(point -> Boolean.valueOf(dropped).equals(point.getAttributes().get(DROPPED)))
                .mapToLong(LongPointData::getValue).sum();
    }

    private static final class CountingSpanExporter extends ForwardingSpanExporter {

        CountingSpanExporter(SpanExporter delegate) {
            super(delegate);
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            int count = spans.size();
            CompletableResultCode result;
            try {
                result = delegate.export(spans);
            } catch (RuntimeException e) {
                FAILED_EXPORTS.add(count);
                throw e;
            }
            result.whenComplete(() -> {
                if (!result.isSuccess()) {
                    FAILED_EXPORTS.add(count);
                }
            });
            return result;
        }
    }

    /** Pull-only: the values are read when Prometheus scrapes, never pushed anywhere. */
    private static final class Reader implements MetricReader {
        private volatile CollectionRegistration registration = CollectionRegistration.noop();

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        Collection<MetricData> collect() {
            return registration.collectAllMetrics();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
