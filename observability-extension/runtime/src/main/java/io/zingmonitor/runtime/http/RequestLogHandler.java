package io.zingmonitor.runtime.http;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * One structured line per HTTP request: method, route template, status, duration, trace and client.
 * Errors and slow requests are always logged; fast successes are sampled. The client id also goes
 * into the log context, so every line the request causes carries it.
 */
@jakarta.inject.Singleton
public class RequestLogHandler implements Handler<RoutingContext> {

    static final Logger LOG = Logger.getLogger("io.zingmonitor.http");

    private final ClientIdentity clients;
    private final boolean enabled;
    private final double successSampleRate;
    private final long slowNanos;

    @jakarta.inject.Inject
    public RequestLogHandler(ClientIdentity clients, io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig config) {
        this.clients = clients;
        this.enabled = config.requestLog().enabled();
        this.successSampleRate = config.requestLog().successSampleRate();
        this.slowNanos = config.requestLog().slowThreshold().toNanos();
    }

    @Override
    public void handle(RoutingContext context) {
        String clientId = clients.of(context);
        MDC.put(ClientIdentity.MDC_KEY, clientId);
        ClientIdBaggage.attach(context, clientId);
        if (enabled) {
            long start = System.nanoTime();
            SpanContext span = Span.current().getSpanContext();
            context.addEndHandler(ignored -> log(context, clientId, span, System.nanoTime() - start));
        }
        context.next();
    }

    private void log(RoutingContext context, String clientId, SpanContext span, long nanos) {
        int status = context.response().getStatusCode();
        boolean slow = nanos >= slowNanos;
        boolean error = status >= 400;
        if (!error && !slow && successSampleRate < 1.0 && ThreadLocalRandom.current().nextDouble() >= successSampleRate) {
            return;
        }
        String method = context.request().method().name();
        String route = RequestAttributes.routeTemplate(context);
        if (route == null) {
            route = status == 404 ? "NOT_FOUND" : "UNMATCHED"; // never the raw path: it may carry ids or secrets
        }
        Logger.Level level = status >= 500 || status == 429 || slow ? Logger.Level.WARN : Logger.Level.INFO;
        if (!LOG.isEnabled(level)) {
            return;
        }
        MDC.put("http.request.method", method);
        MDC.put("http.route", route);
        MDC.put("http.response.status_code", String.valueOf(status));
        MDC.put("event.duration", String.valueOf(nanos));
        MDC.put(ClientIdentity.MDC_KEY, clientId);
        if (span.isValid()) {
            MDC.put("traceId", span.getTraceId());
            MDC.put("spanId", span.getSpanId());
        }
        try {
            LOG.logf(level, "%s %s %d %s ms%s", method, route, status,
                    String.format(Locale.ROOT, "%.2f", nanos / 1e6), slow ? " (slow)" : "");
        } finally {
            MDC.remove("http.request.method");
            MDC.remove("http.route");
            MDC.remove("http.response.status_code");
            MDC.remove("event.duration");
        }
    }
}
