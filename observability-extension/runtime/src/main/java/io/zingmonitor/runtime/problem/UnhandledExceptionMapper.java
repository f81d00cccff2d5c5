package io.zingmonitor.runtime.problem;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import io.zingmonitor.ProblemDetail;
import io.zingmonitor.runtime.context.RequestAttributes;

/**
 * The error log: every exception nobody handled is logged exactly once, with its stack trace and
 * the operation it broke, and the client gets a 500 problem with the trace id but no internals.
 */
public class UnhandledExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger("io.zingmonitor.errors");

    @Inject
    CurrentVertxRequest currentRequest;

    @Override
    public Response toResponse(Throwable exception) {
        RoutingContext routingContext = currentRequest.getCurrent();
        String operation = routingContext == null ? "unknown"
                : routingContext.request().method().name() + " "
                        + java.util.Objects.requireNonNullElse(RequestAttributes.routeTemplate(routingContext), "unmatched");
        LOG.errorf(exception, "Unhandled %s in %s", exception.getClass().getName(), operation);
        return ProblemResponses.response(new ProblemDetail("internal-error", "Internal Server Error", 500,
                "An unexpected error occurred. Quote the traceId when you report it.", null, null, null, null));
    }
}
