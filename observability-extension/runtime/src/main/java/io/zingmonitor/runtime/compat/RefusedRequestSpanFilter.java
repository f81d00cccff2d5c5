package io.zingmonitor.runtime.compat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.zingmonitor.runtime.context.RequestBudget;

/**
 * Thins out the traces of refused requests before they are exported. A service shedding load answers
 * most requests with 429 or 503, each a one-span trace that says nothing the HTTP metrics do not count
 * already, yet exporting it (and storing it in the backend) costs about as much as the refusal itself.
 * The first {@code refusal-traces-per-second} of each second are kept, then {@code refusal-sample-ratio}
 * of the rest, by the span's end time.
 * <p>
 * Only a refusal that is a whole trace is ever dropped: a server span that began the trace here (a
 * caller's trace is never cut) and is no parent of another span of the same batch. The sampler cannot
 * do this, since it decides when the request arrives, before its answer is known.
 */
final class RefusedRequestSpanFilter extends ForwardingSpanExporter {

    /** Declared with their defaults in {@code ZingMonitorTracingConfig}; read by name, as this runs outside CDI. */
    static final String TRACES_PER_SECOND = "zingmonitor.tracing.refusal-traces-per-second";
    static final String SAMPLE_RATIO = "zingmonitor.tracing.refusal-sample-ratio";

    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final RequestBudget budget;

    RefusedRequestSpanFilter(SpanExporter delegate, int tracesPerSecond, double sampleRatio) {
        super(delegate);
        this.budget = new RequestBudget(tracesPerSecond, sampleRatio);
    }

    /** The filter around {@code delegate} as configured, or {@code delegate} itself when it would keep every span. */
    static SpanExporter around(SpanExporter delegate, Config config) {
        double ratio = config.getOptionalValue(SAMPLE_RATIO, Double.class).orElse(1.0);
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException(SAMPLE_RATIO + " must be between 0 and 1, got " + ratio);
        }
        if (ratio >= 1.0) {
            return delegate;
        }
        return new RefusedRequestSpanFilter(delegate, config.getOptionalValue(TRACES_PER_SECOND, Integer.class).orElse(0), ratio);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        List<SpanData> refusals = null;
        for (SpanData span : spans) {
            if (isRefusalTrace(span)) {
                if (refusals == null) {
                    refusals = new ArrayList<>();
                }
                refusals.add(span);
            }
        }
        if (refusals == null) {
            return delegate.export(spans); // the usual batch: no copy
        }
        Set<String> parents = new HashSet<>();
        for (SpanData span : spans) {
            if (span.getParentSpanContext().isValid()) {
                parents.add(span.getParentSpanId());
            }
        }
        // By span id: SpanData's equals and hashCode compare every field, attributes included.
        Set<String> dropped = new HashSet<>();
        for (SpanData refusal : refusals) {
            if (!parents.contains(refusal.getSpanId()) && !budget.admits(refusal.getEndEpochNanos())) {
                dropped.add(refusal.getSpanId());
            }
        }
        if (dropped.isEmpty()) {
            return delegate.export(spans);
        }
        List<SpanData> kept = new ArrayList<>(spans.size() - dropped.size());
        for (SpanData span : spans) {
            if (!dropped.contains(span.getSpanId())) {
                kept.add(span);
            }
        }
        return kept.isEmpty() ? CompletableResultCode.ofSuccess() : delegate.export(kept);
    }

    private static boolean isRefusalTrace(SpanData span) {
        if (span.getKind() != SpanKind.SERVER || span.getParentSpanContext().isValid()) {
            return false;
        }
        Long status = span.getAttributes().get(STATUS);
        return status != null && (status == 429 || status == 503);
    }
}
