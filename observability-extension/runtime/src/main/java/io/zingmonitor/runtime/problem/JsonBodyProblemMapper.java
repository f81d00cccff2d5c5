package io.zingmonitor.runtime.problem;

import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.zingmonitor.ProblemDetail;

/**
 * A body that is not JSON, or JSON of the wrong shape, as a 400 naming the field. Jackson's own
 * message is not passed on: it quotes the offending input, which may be a card number.
 */
public class JsonBodyProblemMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
        return ProblemResponses.response(problemFor(exception));
    }

    static ProblemDetail problemFor(JsonProcessingException exception) {
        String field = exception instanceof JsonMappingException mapping ? fieldName(mapping) : null;
        if (field == null) {
            return new ProblemDetail("malformed-json", "Malformed JSON", 400,
                    "The request body is not well-formed JSON.", null, null, null, null);
        }
        return new ProblemDetail("validation", "Invalid request", 400,
                field + " has an invalid value or type", null, field,
                java.util.List.of(new ProblemDetail.FieldError(field, "has an invalid value or type")), null);
    }

    private static String fieldName(JsonMappingException exception) {
        if (exception.getPath().isEmpty()) {
            return null;
        }
        return exception.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
