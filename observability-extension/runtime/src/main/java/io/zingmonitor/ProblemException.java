package io.zingmonitor;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.zingmonitor.runtime.problem.ProblemResponses;

/**
 * Thrown by application code for an expected failure the client must hear about (sold out, unknown
 * id...). It carries a complete problem+json response, so it is answered correctly even with
 * ZingMonitor switched off; with ZingMonitor on, the response also gets the request path and trace id.
 */
public class ProblemException extends WebApplicationException {

    private final transient ProblemDetail problem;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public ProblemException(int status, String type, String title, String detail, String field) {
        this(new ProblemDetail(type, title, status, detail, null, field, null, null));
    }

    private ProblemException(ProblemDetail problem) {
        // No cause and no stack trace: this is a business outcome, not a bug.
        super(problem.detail(), null, ProblemResponses.response(problem));
        this.problem = problem;
    }

    public ProblemDetail problem() {
        return problem;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
