package io.zingmonitor.deployment.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.zingmonitor.Observed;
import io.zingmonitor.TelemetryAttribute;

class ObservedOperationTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TicketService.class, Status.class, InMemorySpans.class))
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
            .overrideConfigKey("quarkus.otel.traces.sampler", "always_on");

    @Inject
    TicketService service;

    @Inject
    MeterRegistry registry;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Tracer tracer;

    @Inject
    Vertx vertx;

    @BeforeEach
    void reset() {
        spans.reset();
    }

    @Test
    void operationGetsSpanWithAttributesAndTimerByEnumOutcome() {
        assertThat(service.reserve("t-42", 3)).isEqualTo(Status.RESERVED);

        SpanData span = awaitSpan("ticket.reserve");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("ticket.id"))).isEqualTo("t-42");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("zingmonitor.outcome"))).isEqualTo("RESERVED");
        assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
                .doesNotContain("seats"); // not marked as an attribute
        assertThat(timer("ticket.reserve", "RESERVED").count()).isEqualTo(1);
        assertThat(service.mdcSeenInside()).isEqualTo("t-42");
        assertThat(MDC.get("ticket.id")).isNull();
    }

    @Test
    void failureIsAnErrorSpanAndErrorOutcome() {
        assertThatThrownBy(() -> service.cancel("t-7")).isInstanceOf(IllegalStateException.class);

        SpanData span = awaitSpan("ticket.cancel");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(timer("ticket.cancel", "error").count()).isEqualTo(1);
    }

    @Test
    void refusedRequestIsItsProblemTypeNotAnError() {
        assertThatThrownBy(() -> service.soldOut("t-8")).isInstanceOf(io.zingmonitor.ProblemException.class);

        awaitSpan("ticket.buy");
        assertThat(timer("ticket.buy", "sold-out").count()).isEqualTo(1);
        assertThat(registry.find("zingmonitor.operation.duration").tags("operation", "ticket.buy", "outcome", "error").timer())
                .isNull();
    }

    @Test
    void uniIsObservedUntilItsItem() {
        assertThat(service.confirm("t-9").await().atMost(Duration.ofSeconds(5))).isEqualTo(Status.CONFIRMED);

        SpanData span = awaitSpan("ticket.confirm");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("ticket.id"))).isEqualTo("t-9");
        Timer timer = timer("ticket.confirm", "CONFIRMED");
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
    }

    /**
     * As in a request: on a duplicated Vert.x context under a server span, work done after an
     * asynchronous hop inside the operation nests under its span, and once the Uni has ended the
     * server span is current again.
     */
    @Test
    void uniOnARequestContextNestsLaterWorkAndRestoresTheCallerSpan() throws Exception {
        var ended = new java.util.concurrent.CompletableFuture<String>();
        Context request = VertxContext.getOrCreateDuplicatedContext(vertx);
        request.runOnContext(ignored -> {
            Span server = tracer.spanBuilder("request").startSpan();
            Scope scope = server.makeCurrent();
            service.settleThenAudit("t-12").subscribe().with(
                    item -> {
                        ended.complete(Span.current() == server ? "caller span current" : "current: " + Span.current());
                        scope.close();
                        server.end();
                    },
                    failure -> ended.completeExceptionally(failure));
        });
        assertThat(ended.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("caller span current");

        SpanData operation = awaitSpan("ticket.settle");
        SpanData audit = awaitSpan("ticket.audit");
        SpanData server = awaitSpan("request");
        assertThat(operation.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(audit.getParentSpanId()).as("work after the hop nests under the operation")
                .isEqualTo(operation.getSpanId());
        assertThat(timer("ticket.settle", "CONFIRMED").count()).isEqualTo(1);
    }

    @Test
    void cancelledUniEndsItsSpanAsCancelled() {
        service.confirm("t-13").subscribe().with(item -> {
        }).cancel();

        SpanData span = awaitSpan("ticket.confirm");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("zingmonitor.outcome"))).isEqualTo("cancelled");
        assertThat(timer("ticket.confirm", "cancelled").count()).isEqualTo(1);
    }

    @Test
    void aDeclaredErrorOutcomeMarksTheSpanFailedWithItsErrorType() {
        assertThat(service.hold("t-10", false)).isEqualTo(Status.REFUSED);
        SpanData refused = awaitSpan("ticket.hold");
        assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(refused.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("REFUSED");
        assertThat(timer("ticket.hold", "REFUSED").count()).isEqualTo(1);

        spans.reset();
        assertThat(service.hold("t-11", true)).isEqualTo(Status.RESERVED);
        SpanData reserved = awaitSpan("ticket.hold");
        assertThat(reserved.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(reserved.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
    }

    @Test
    void sensitiveAttributeValueIsMasked() {
        service.pay("4242 4242 4242 4242");

        SpanData span = awaitSpan("ticket.pay");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("card"))).isEqualTo("****4242");
    }

    private SpanData awaitSpan(String name) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst(),
                java.util.Optional::isPresent).get();
    }

    private Timer timer(String operation, String outcome) {
        return registry.get("zingmonitor.operation.duration").tags("operation", operation, "outcome", outcome).timer();
    }

    public enum Status {
        RESERVED, CONFIRMED, REFUSED
    }

    @ApplicationScoped
    public static class TicketService {
        @Inject
        Tracer tracer;

        private volatile String mdcSeenInside;

        String mdcSeenInside() {
            return mdcSeenInside;
        }

        @Observed("ticket.reserve")
        public Status reserve(@TelemetryAttribute("ticket.id") String id, int seats) {
            mdcSeenInside = (String) MDC.get("ticket.id");
            return Status.RESERVED;
        }

        @Observed("ticket.cancel")
        public void cancel(@TelemetryAttribute("ticket.id") String id) {
            throw new IllegalStateException("already used");
        }

        @Observed("ticket.buy")
        public void soldOut(@TelemetryAttribute("ticket.id") String id) {
            throw new io.zingmonitor.ProblemException(409, "sold-out", "Sold out", "No seats left.");
        }

        @Observed("ticket.confirm")
        public Uni<Status> confirm(@TelemetryAttribute("ticket.id") String id) {
            return Uni.createFrom().item(Status.CONFIRMED).onItem().delayIt().by(Duration.ofMillis(60));
        }

        @Inject
        Vertx vertx;

        /** Comes back on the caller's Vert.x context after a timer, as a database or broker answer does. */
        @Observed("ticket.settle")
        public Uni<Status> settleThenAudit(@TelemetryAttribute("ticket.id") String id) {
            return Uni.createFrom().<Status> emitter(emitter -> vertx.setTimer(20, timer -> emitter.complete(Status.CONFIRMED)))
                    .invoke(() -> tracer.spanBuilder("ticket.audit").startSpan().end());
        }

        @Observed(value = "ticket.hold", errorOutcomes = "REFUSED")
        public Status hold(@TelemetryAttribute("ticket.id") String id, boolean available) {
            return available ? Status.RESERVED : Status.REFUSED;
        }

        @Observed("ticket.pay")
        public List<String> pay(@TelemetryAttribute("card") String card) {
            return List.of();
        }
    }
}
