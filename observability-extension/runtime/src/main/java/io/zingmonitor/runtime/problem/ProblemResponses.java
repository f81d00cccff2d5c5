package io.zingmonitor.runtime.problem;

import jakarta.ws.rs.core.Response;

/** Turns a {@link ProblemDetail} into an {@code application/problem+json} response. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response response(ProblemDetail problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }
}
