package io.zingmonitor.runtime.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import io.zingmonitor.ProblemException;

/**
 * Answers a {@link ProblemException} raised outside a resource method's response path (filters,
 * for instance), where JAX-RS does consult mappers.
 */
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Override
    public Response toResponse(ProblemException exception) {
        return ProblemResponses.response(exception.problem());
    }
}
