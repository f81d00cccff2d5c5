package io.zingtickets.booking.backlog;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.zingmonitor.ProblemDetail;

/** Tells a client refused by {@link AdmissionControl} when to come back. */
public class RetryAfterFilter {

    private static final String OVERLOADED_TYPE_SUFFIX = ":" + AdmissionControl.OVERLOADED;

    private final long retryAfterSeconds;

    RetryAfterFilter(BacklogConfig config) {
        this.retryAfterSeconds = Math.max(1, (config.admission().retryAfter().toMillis() + 999) / 1000);
    }

    @ServerResponseFilter
    public void addRetryAfter(ContainerResponseContext response) {
        if (response.getStatus() == 503 && response.getEntity() instanceof ProblemDetail problem
                && problem.type() != null && problem.type().endsWith(OVERLOADED_TYPE_SUFFIX)) {
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
    }
}
