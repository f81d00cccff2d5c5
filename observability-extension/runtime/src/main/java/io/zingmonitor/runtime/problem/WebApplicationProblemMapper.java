package io.zingmonitor.runtime.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.zingmonitor.ProblemDetail;

/**
 * The framework's own HTTP errors (unknown route, wrong method, wrong media type...) as problems
 * instead of empty bodies, so every 4xx a client sees has the same shape.
 */
public class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        if (exception.getCause() instanceof JsonProcessingException json) {
            return ProblemResponses.response(JsonBodyProblemMapper.problemFor(json));
        }
        Response response = exception.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        int status = response.getStatus();
        Response.StatusType statusInfo = Response.Status.fromStatusCode(status);
        String title = statusInfo != null ? statusInfo.getReasonPhrase() : "HTTP " + status;
        ProblemDetail problem = new ProblemDetail(ProblemTypes.forStatus(status), title, status,
                detailFor(status), null, null, null, null);
        // Keep what the framework said about the request (Allow on 405, Retry-After on 429/503).
        return withHeaders(ProblemResponses.response(problem), response);
    }

    private static Response withHeaders(Response problem, Response original) {
        Response.ResponseBuilder builder = Response.status(problem.getStatus())
                .type(ProblemResponses.MEDIA_TYPE).entity(problem.getEntity());
        for (String header : new String[] { "Allow", "Retry-After", "WWW-Authenticate" }) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        return builder.build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource matches this request.";
            case 405 -> "This resource does not support the request method.";
            case 406 -> "This resource cannot produce any of the accepted media types.";
            case 413 -> "The request body is larger than this service accepts.";
            case 415 -> "The request body's media type is not supported; send application/json.";
            default -> "The request could not be processed.";
        };
    }
}
