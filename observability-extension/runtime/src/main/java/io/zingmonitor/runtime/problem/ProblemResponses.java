package io.zingmonitor.runtime.problem;

import jakarta.ws.rs.core.Response;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import io.zingmonitor.ProblemDetail;
import io.zingmonitor.runtime.context.RequestAttributes;

/**
 * Turns a {@link ProblemDetail} into an {@code application/problem+json} response, with the request's
 * path as its {@code instance} and the trace id to quote. Added here, where a problem is answered,
 * rather than by a response filter: Quarkus REST gives every response a slower path once any response
 * filter exists, and only error responses need this.
 */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response response(ProblemDetail problem) {
        ProblemDetail answered = problem.answered(ProblemTypes.prefix(), currentPath(), RequestAttributes.traceId());
        return Response.status(answered.status()).type(MEDIA_TYPE).entity(answered).build();
    }

    /** The raw path of the request being answered; {@code null} outside a request. */
    private static String currentPath() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        RoutingContext request = container.instance(CurrentVertxRequest.class).get().getCurrent();
        return request == null ? null : request.request().path();
    }
}
