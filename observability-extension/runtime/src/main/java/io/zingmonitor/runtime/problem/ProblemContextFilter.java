package io.zingmonitor.runtime.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

import io.zingmonitor.runtime.http.RequestAttributes;

/**
 * Completes every problem response with what only the request knows: its path and its trace id.
 * A filter rather than the mappers, because JAX-RS sends a {@link ProblemException}'s ready-made
 * response without consulting any mapper.
 */
public class ProblemContextFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ProblemDetail problem) {
            response.setEntity(problem.withContext(request.getUriInfo().getRequestUri().getRawPath(),
                    RequestAttributes.traceId()));
        }
    }
}
