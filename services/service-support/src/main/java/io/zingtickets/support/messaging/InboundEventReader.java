package io.zingtickets.support.messaging;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zingtickets.support.resilience.PermanentFailure;

/**
 * Turns a record value into a valid event or a {@link PermanentFailure} that sends it to the
 * dead-letter topic. The failure names fields but never quotes values: events carry email addresses.
 */
@ApplicationScoped
public class InboundEventReader {

    private final ObjectMapper mapper;
    private final Validator validator;

    InboundEventReader(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new PermanentFailure("Record has no value");
        }
        T event;
        try {
            event = mapper.readValue(json, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(ref -> ref.getFieldName() != null
                    ? ref.getFieldName() : "[" + ref.getIndex() + "]").collect(Collectors.joining("."));
            throw new PermanentFailure(field.isEmpty() ? "Value is not a JSON object"
                    : "Field " + field + " has an invalid value or type");
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("Value is not well-formed JSON");
        }
        if (event == null) {
            throw new PermanentFailure("Value is JSON null");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new PermanentFailure("Invalid event: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
        return event;
    }
}
