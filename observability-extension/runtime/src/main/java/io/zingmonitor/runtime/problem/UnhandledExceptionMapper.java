package io.zingmonitor.runtime.problem;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import io.zingmonitor.ProblemDetail;
import io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig;
import io.zingmonitor.runtime.context.RequestAttributes;

/**
 * The error log: every exception nobody handled is logged exactly once, with its stack trace and
 * the operation it broke, and the client gets a 500 problem with the trace id but no internals. A backend
 * that cannot be reached, or a database that refuses sessions while it restarts, is not a bug: that client gets a
 * 503 with {@code Retry-After}, and the log a warning.
 */
public class UnhandledExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger("io.zingmonitor.errors");

    @Inject
    CurrentVertxRequest currentRequest;

    @Inject
    ZingMonitorRuntimeConfig config;

    private BackendUnavailable backendUnavailable;

    @PostConstruct
    void readUnavailableExceptions() {
        backendUnavailable = new BackendUnavailable(config.problem().unavailableExceptions(),
                config.problem().unavailableSqlStates());
    }

    @Override
    public Response toResponse(Throwable exception) {
        RoutingContext routingContext = currentRequest.getCurrent();
        String operation = routingContext == null ? "unknown"
                : routingContext.request().method().name() + " "
                        + java.util.Objects.requireNonNullElse(RequestAttributes.routeTemplate(routingContext), "unmatched");
        Throwable outage = backendUnavailable.outage(exception);
        if (outage != null) {
            // One line per refused request and no stack trace: during an outage every request fails alike. The line
            // names the outage (a refused address, a database's "starting up (57P03)"); the client's answer does not.
            LOG.warnf("Backend unavailable in %s: %s", operation, outage);
            long retryAfter = Math.max(1, config.problem().unavailableRetryAfter().toSeconds());
            return Response.fromResponse(ProblemResponses.response(new ProblemDetail("service-unavailable",
                    "Service Unavailable", 503, "A backend this service needs cannot be reached; retry after the seconds "
                            + "in Retry-After. Quote the traceId if it lasts.",
                    null, null, null, null)))
                    .header("Retry-After", Long.toString(retryAfter)).build();
        }
        LOG.errorf(exception, "Unhandled %s in %s", exception.getClass().getName(), operation);
        return ProblemResponses.response(new ProblemDetail("internal-error", "Internal Server Error", 500,
                "An unexpected error occurred. Quote the traceId when you report it.", null, null, null, null));
    }
}
