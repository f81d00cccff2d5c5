package io.zingmonitor.runtime.http;

import java.util.Set;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import io.zingmonitor.runtime.context.ClientIdentity;
import io.zingmonitor.runtime.context.RequestAttributes;
import io.zingmonitor.runtime.context.RequestBudget;

/**
 * One structured line per HTTP request: method, route template, status, duration, trace and client.
 * Errors and slow requests are always logged; fast successes and refusals (429, 503 with
 * {@code Retry-After}) each within a per-second budget, then a sample ({@link RequestBudget}). Exists
 * only when {@code zingmonitor.request-log.enabled} was on at build time.
 */
@jakarta.inject.Singleton
public class RequestLog {

    /**
     * The access log's logger. Its lines are built from the method, the route template, the status
     * and the hashed client only, so the redacting filter need not scan their messages.
     */
    public static final String LOGGER_NAME = "io.zingmonitor.http";
    static final Logger LOG = Logger.getLogger(LOGGER_NAME);

    private static final String METHOD = "http.request.method";
    private static final String ROUTE = "http.route";
    private static final String STATUS = "http.response.status_code";
    private static final String DURATION = "event.duration";
    /** The log context the access line adds for itself, and removes after it: safe parts only. */
    public static final Set<String> LINE_CONTEXT_KEYS = Set.of(METHOD, ROUTE, STATUS, DURATION);

    private final RequestBudget successes;
    private final RequestBudget refusals;
    private final long slowNanos;

    @jakarta.inject.Inject
    public RequestLog(io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig config) {
        this.successes = new RequestBudget(config.requestLog().successLinesPerSecond(),
                config.requestLog().successSampleRate());
        this.refusals = new RequestBudget(config.requestLog().refusalLinesPerSecond(),
                config.requestLog().refusalSampleRate());
        this.slowNanos = config.requestLog().slowThreshold().toNanos();
    }

    /** Called as the request arrives; the line is written when its response has ended. */
    public void begin(RoutingContext context, String clientId) {
        long start = System.nanoTime();
        SpanContext span = Span.current().getSpanContext();
        context.addEndHandler(ignored -> end(context, clientId, span, start, System.nanoTime()));
    }

    private void end(RoutingContext context, String clientId, SpanContext span, long startNanos, long endNanos) {
        long nanos = endNanos - startNanos;
        int status = context.response().getStatusCode();
        boolean slow = nanos >= slowNanos;
        if (!slow && !budgetAdmits(context, status, endNanos)) {
            return;
        }
        Logger.Level level = status >= 500 || status == 429 || slow ? Logger.Level.WARN : Logger.Level.INFO;
        if (!LOG.isEnabled(level)) {
            return;
        }
        String method = context.request().method().name();
        String route = RequestAttributes.routeTemplate(context);
        if (route == null) {
            route = status == 404 ? "NOT_FOUND" : "UNMATCHED"; // never the raw path: it may carry ids or secrets
        }
        String statusCode = Integer.toString(status);
        MDC.put(METHOD, method);
        MDC.put(ROUTE, route);
        MDC.put(STATUS, statusCode);
        MDC.put(DURATION, Long.toString(nanos));
        MDC.put(ClientIdentity.MDC_KEY, clientId);
        if (span.isValid()) {
            MDC.put("traceId", span.getTraceId());
            MDC.put("spanId", span.getSpanId());
        }
        try {
            // Plain concatenation: a format string would be parsed again for every request.
            LOG.log(level, method + ' ' + route + ' ' + statusCode + ' ' + milliseconds(nanos) + " ms" + (slow ? " (slow)" : ""));
        } finally {
            LINE_CONTEXT_KEYS.forEach(MDC::remove);
        }
    }

    private boolean budgetAdmits(RoutingContext context, int status, long endNanos) {
        if (status < 400) {
            return successes.admits(endNanos);
        }
        if (isRefusal(context, status)) {
            return refusals.admits(endNanos);
        }
        return true;
    }

    /** An answer that sheds load on purpose and tells the client when to come back. */
    private static boolean isRefusal(RoutingContext context, int status) {
        return status == 429 || status == 503 && context.response().headers().contains(HttpHeaders.RETRY_AFTER);
    }

    /** {@code 12.34}: milliseconds with two decimals, rounded half up. */
    static String milliseconds(long nanos) {
        long hundredths = (Math.max(0, nanos) + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
