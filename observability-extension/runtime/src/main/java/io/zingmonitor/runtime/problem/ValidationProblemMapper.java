package io.zingmonitor.runtime.problem;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import io.zingmonitor.ProblemDetail;

/**
 * Bean Validation failures as a 400 naming every failed field. The rejected value is never echoed:
 * it may be a card number or a password.
 */
public class ValidationProblemMapper implements ExceptionMapper<ConstraintViolationException> {

    @Inject
    UnhandledExceptionMapper unhandled;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        if (exception.getConstraintViolations().stream().anyMatch(ValidationProblemMapper::isReturnValue)) {
            // An invalid response is our bug, not the client's.
            return unhandled.toResponse(exception);
        }
        List<ProblemDetail.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new ProblemDetail.FieldError(fieldName(v.getPropertyPath()), safeMessage(v)))
                .sorted(Comparator.comparing(ProblemDetail.FieldError::field))
                .toList();
        String single = errors.stream().map(ProblemDetail.FieldError::field).distinct().count() == 1
                ? errors.get(0).field()
                : null;
        String detail = errors.stream().map(e -> e.field() + " " + e.detail()).distinct()
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid.");
        return ProblemResponses.response(new ProblemDetail("validation", "Invalid request", 400,
                detail, null, single, errors, null));
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** {@code create.request.card.number} becomes {@code card.number}: the client's view of the body. */
    static String fieldName(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER -> {
                }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    if (node.getName() == null) {
                        break;
                    }
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(node.getName());
                    if (node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                }
            }
        }
        return field.isEmpty() ? Objects.requireNonNullElse(parameter, "request") : field.toString();
    }

    private static String safeMessage(ConstraintViolation<?> violation) {
        String message = violation.getMessage();
        Object value = violation.getInvalidValue();
        String rejected = value == null ? null : String.valueOf(value);
        if (rejected != null && rejected.length() >= 3 && message.contains(rejected)) {
            return "is invalid";
        }
        return message;
    }
}
