package io.zingmonitor.runtime.telemetry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.MDC;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.ArcInvocationContext;
import io.quarkus.arc.ClientProxy;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.zingmonitor.Observed;
import io.zingmonitor.ProblemException;
import io.zingmonitor.runtime.problem.ProblemTypes;
import io.zingmonitor.runtime.redaction.RedactedJson;

/**
 * Observes an {@link Observed} business operation: a span named after it carrying the chosen
 * parameters, the same parameters in the log context while it runs, and a timer by outcome. A
 * {@code Uni} is observed from subscription to its item, failure or cancellation ({@link ObservedUni}).
 */
@Observed("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class ObservedInterceptor {

    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("zingmonitor.outcome");
    /** OpenTelemetry semantic conventions: the class of error an operation ended with. */
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    @Inject
    Tracer tracer;

    /**
     * The tracer itself rather than its client proxy: it is application-scoped, and the proxy looks it
     * up again on every call.
     */
    private volatile Tracer unproxiedTracer;

    @Inject
    MeterRegistry registry;

    @Inject
    ObservedOperations observedOperations;

    /** What each observed method's annotation says, read once rather than on every call. */
    private final Map<java.lang.reflect.Method, Operation> operations = new ConcurrentHashMap<>();

    /** {@code timers}: the operation's timer per outcome (a bounded set: see {@link #outcome}). */
    private record Operation(String name, List<String> errorOutcomes, String[] attributes, boolean returnsUni,
            Map<String, Timer> timers) {
    }

    @AroundInvoke
    Object observe(InvocationContext context) throws Exception {
        Operation operation = operations.computeIfAbsent(context.getMethod(), method -> {
            Observed observed = ((ArcInvocationContext) context).findIterceptorBinding(Observed.class);
            return new Operation(observed.value(), List.of(observed.errorOutcomes()), observedOperations.attributes(method),
                    Uni.class.isAssignableFrom(method.getReturnType()), new ConcurrentHashMap<>());
        });
        if (operation.returnsUni()) {
            return new ObservedUni(operation, context);
        }
        Observation observation = start(operation, context);
        try (Scope ignored = observation.span.makeCurrent()) {
            Object result = context.proceed();
            if (result instanceof CompletionStage<?> stage) {
                return stage.whenComplete(observation::end);
            }
            observation.end(result, null);
            return result;
        } catch (Exception e) {
            observation.end(null, e);
            throw e;
        } finally {
            observation.clearContext();
        }
    }

    private Observation start(Operation operation, InvocationContext context) {
        String[] names = operation.attributes();
        Object[] arguments = context.getParameters();
        var span = tracer().spanBuilder(operation.name()).startSpan();
        String[] mdcKeys = new String[names.length];
        Object[] previous = new Object[names.length];
        for (int i = 0; i < names.length && i < arguments.length; i++) {
            if (names[i] == null || names[i].isEmpty() || arguments[i] == null) {
                continue;
            }
            // A payload type is written by its generated redactor; text and anything else are scanned.
            String value = RedactedJson.of(arguments[i]);
            span.setAttribute(names[i], value);
            mdcKeys[i] = names[i];
            previous[i] = MDC.get(names[i]);
            MDC.put(names[i], value);
        }
        return new Observation(operation, span, System.nanoTime(), mdcKeys, previous);
    }

    private Tracer tracer() {
        Tracer unproxied = unproxiedTracer;
        if (unproxied == null) {
            unproxied = ClientProxy.unwrap(tracer);
            unproxiedTracer = unproxied;
        }
        return unproxied;
    }

    private final class Observation {
        final Operation operation;
        final Span span;
        final long startNanos;
        final String[] mdcKeys;
        final Object[] previousMdc;

        Observation(Operation operation, Span span, long startNanos, String[] mdcKeys, Object[] previousMdc) {
            this.operation = operation;
            this.span = span;
            this.startNanos = startNanos;
            this.mdcKeys = mdcKeys;
            this.previousMdc = previousMdc;
        }

        void end(Object result, Throwable failure) {
            finish(outcome(result, failure), failure);
        }

        void finish(String outcome, Throwable failure) {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                span.setAttribute(ERROR_TYPE, failure.getClass().getName());
            } else if (operation.errorOutcomes().contains(outcome)) {
                span.setStatus(StatusCode.ERROR, outcome);
                span.setAttribute(ERROR_TYPE, outcome);
            }
            span.setAttribute(OUTCOME, outcome);
            span.addEvent("outcome", Attributes.of(OUTCOME, outcome));
            // Recorded with the operation's span current, so the timer's histogram bucket carries this
            // trace as its exemplar. It usually is current already; making it current costs a copy of
            // the log context, so only where it is not (a callback on a thread of its own).
            Timer timer = timer(operation, outcome);
            long nanos = System.nanoTime() - startNanos;
            if (Span.current() == span) {
                timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            } else {
                try (Scope ignored = span.makeCurrent()) {
                    timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            }
            span.end();
        }

        void clearContext() {
            for (int i = 0; i < mdcKeys.length; i++) {
                if (mdcKeys[i] == null) {
                    continue;
                }
                if (previousMdc[i] == null) {
                    MDC.remove(mdcKeys[i]);
                } else {
                    MDC.put(mdcKeys[i], previousMdc[i]);
                }
            }
        }
    }

    /**
     * A {@code Uni} observed from each subscription to its end. On a Vert.x duplicated context (a
     * request, a message) the span stays current from subscription until the end: the pipeline's
     * callbacks, which capture the context they were assembled in, then find it already current,
     * where switching to it and back would cost each of them two copies of the log context. Elsewhere
     * the span is current while the pipeline is assembled and subscribed, as thread-local context
     * cannot follow a pipeline across threads.
     */
    private final class ObservedUni extends AbstractUni<Object> {
        private final Operation operation;
        private final InvocationContext invocation;

        ObservedUni(Operation operation, InvocationContext invocation) {
            this.operation = operation;
            this.invocation = invocation;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void subscribe(UniSubscriber<? super Object> subscriber) {
            Observation observation = start(operation, invocation);
            Scope scope = observation.span.makeCurrent();
            boolean spanOutlivesSubscription = VertxContext.isOnDuplicatedContext();
            Uni<Object> result;
            try {
                result = (Uni<Object>) invocation.proceed();
            } catch (Exception e) {
                result = Uni.createFrom().failure(e);
            }
            // The log context stays until the Uni ends too: Quarkus keeps the MDC on the request's (or
            // message's) Vert.x context, so lines logged after each reactive hop still carry it.
            Uni<Object> observed = result.onTermination().invoke((item, failure, cancelled) -> {
                if (cancelled) {
                    observation.finish("cancelled", null);
                } else {
                    observation.end(item, failure);
                }
                observation.clearContext();
                // Only while the span is still what is current: code that switched the context
                // meanwhile has restored its own and is not overruled here.
                if (spanOutlivesSubscription && Span.current() == observation.span) {
                    scope.close();
                }
            });
            try {
                AbstractUni.subscribe(observed, subscriber);
            } finally {
                if (!spanOutlivesSubscription) {
                    scope.close();
                }
            }
        }
    }

    /**
     * Bounded by construction: an enum constant, a problem type the code raises (a client's request
     * refused, such as {@code sold-out}: not an error of the service), {@code rejected} for other
     * client errors, {@code error}, {@code cancelled} or {@code success}.
     */
    static String outcome(Object result, Throwable failure) {
        if (failure instanceof ProblemException problem && problem.problem().status() < 500) {
            return ProblemTypes.slug(problem.problem().type());
        }
        if (failure instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse().getStatus() < 500) {
            return "rejected";
        }
        if (failure != null) {
            return "error";
        }
        if (result instanceof Enum<?> constant) {
            return constant.name();
        }
        return "success";
    }

    private Timer timer(Operation operation, String outcome) {
        return operation.timers().computeIfAbsent(outcome,
                k -> MeterCatalogue.OPERATION_DURATION.timer()
                        .tags("operation", operation.name(), "outcome", outcome)
                        .register(registry));
    }
}
