package io.zingmonitor.runtime.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

class RefusedRequestSpanFilterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * SECOND;

    private final InMemorySpanExporter backend = InMemorySpanExporter.create();

    @Test
    void aFloodOfRefusalsKeepsTheBudgetOfEachSecondAndEveryOtherSpan() {
        RefusedRequestSpanFilter filter = new RefusedRequestSpanFilter(backend, 3, 0);
        List<SpanData> batch = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> batch.add(rootServerSpan(i, 429, T0 + i)));
        IntStream.range(20, 40).forEach(i -> batch.add(rootServerSpan(i, 503, T0 + SECOND + i)));
        batch.add(rootServerSpan(40, 201, T0));
        batch.add(rootServerSpan(41, 500, T0));

        filter.export(batch);

        assertThat(backend.getFinishedSpanItems()).extracting(RefusedRequestSpanFilterTest::status)
                .containsExactlyInAnyOrder(429L, 429L, 429L, 503L, 503L, 503L, 201L, 500L);
    }

    @Test
    void aRefusalThatContinuesACallersTraceOrHasChildrenIsKept() {
        RefusedRequestSpanFilter filter = new RefusedRequestSpanFilter(backend, 0, 0);
        SpanData parent = rootServerSpan(1, 503, T0);
        SpanData child = span(2, SpanKind.CLIENT, SpanContext.create(parent.getTraceId(), parent.getSpanId(),
                TraceFlags.getSampled(), TraceState.getDefault()), null, T0);
        SpanData continued = span(3, SpanKind.SERVER, SpanContext.createFromRemoteParent(hex(32, 99), hex(16, 99),
                TraceFlags.getSampled(), TraceState.getDefault()), 429L, T0);
        SpanData lone = rootServerSpan(4, 429, T0);

        filter.export(List.of(child, parent, continued, lone));

        assertThat(backend.getFinishedSpanItems()).containsExactly(child, parent, continued);
    }

    @Test
    void aBatchWithoutRefusalsIsPassedOnAsItIs() {
        RefusedRequestSpanFilter filter = new RefusedRequestSpanFilter(backend, 0, 0);
        List<SpanData> batch = List.of(rootServerSpan(1, 200, T0), rootServerSpan(2, 404, T0));

        assertThat(filter.export(batch).isSuccess()).isTrue();
        assertThat(backend.getFinishedSpanItems()).containsExactlyElementsOf(batch);
    }

    private static SpanData rootServerSpan(int id, long status, long endNanos) {
        return span(id, SpanKind.SERVER, SpanContext.getInvalid(), status, endNanos);
    }

    private static SpanData span(int id, SpanKind kind, SpanContext parent, Long status, long endNanos) {
        String traceId = parent.isValid() ? parent.getTraceId() : hex(32, id);
        return TestSpanData.builder().setName("POST /bookings").setKind(kind)
                .setSpanContext(SpanContext.create(traceId, hex(16, id), TraceFlags.getSampled(), TraceState.getDefault()))
                .setParentSpanContext(parent)
                .setAttributes(status == null ? Attributes.empty()
                        : Attributes.builder().put("http.response.status_code", status).build())
                .setStatus(StatusData.unset()).setStartEpochNanos(endNanos - 1_000).setEndEpochNanos(endNanos)
                .setHasEnded(true).setTotalRecordedEvents(0).setTotalRecordedLinks(0).build();
    }

    private static Long status(SpanData span) {
        return span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("http.response.status_code"));
    }

    private static String hex(int length, int value) {
        return String.format("%0" + length + "x", value + 1);
    }
}
