package io.zingmonitor;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.zingmonitor.runtime.problem.ProblemTypes;

/**
 * An RFC 9457 problem document. Its {@code type} is a slug ({@code sold-out}) until it is
 * {@linkplain #answered answered} under the configured prefix. {@code field} names the offending request field when there is
 * exactly one; {@code errors} lists every field of a failed validation. {@code traceId} lets a
 * user quote the request to support without anyone searching logs by time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetail(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String field,
        List<FieldError> errors,
        String traceId) {

    /** One field that failed validation, and why, without the rejected value. */
    public record FieldError(String field, String detail) {
    }

    /**
     * As answered: the type under {@code typePrefix} (code names problems by slug), and the request's
     * path and trace id unless the problem names its own.
     */
    public ProblemDetail answered(String typePrefix, String instance, String traceId) {
        return new ProblemDetail(ProblemTypes.uri(typePrefix, type), title, status, detail,
                this.instance != null ? this.instance : instance,
                field, errors,
                this.traceId != null ? this.traceId : traceId);
    }
}
