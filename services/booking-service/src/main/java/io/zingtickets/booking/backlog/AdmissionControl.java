package io.zingtickets.booking.backlog;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zingmonitor.ProblemException;

/**
 * Refuses new bookings while more are pending than the pipeline can settle in time, or while more
 * settled bookings wait for their email than it can send in time: a client told "503, retry in 2 s" can
 * decide, a client whose booking joins an hour-long queue cannot.
 */
@ApplicationScoped
public class AdmissionControl {

    /** The problem type of a refusal; {@link RetryAfterFilter} adds its {@code Retry-After}. */
    public static final String OVERLOADED = "overloaded";

    private final BacklogMonitor monitor;
    private final EmailBacklog emailBacklog;
    private final BacklogConfig.Admission config;
    private final Counter backlogRejections;
    private final Counter ageRejections;
    private final Counter emailRejections;

    AdmissionControl(BacklogMonitor monitor, EmailBacklog emailBacklog, BacklogConfig config, MeterRegistry registry) {
        this.monitor = monitor;
        this.emailBacklog = emailBacklog;
        this.config = config.admission();
        this.backlogRejections = rejections(registry, "backlog");
        this.ageRejections = rejections(registry, "oldest_age");
        this.emailRejections = rejections(registry, "email_backlog");
    }

    private static Counter rejections(MeterRegistry registry, String reason) {
        return Counter.builder("zingtickets.booking.admission.rejections")
                .description("Bookings refused with 503 because a backlog of the pipeline was above its bound")
                .tag("reason", reason).register(registry);
    }

    /**
     * Throws the 503 problem when the backlog is above a bound, else counts the booking as admitted. Called
     * right before the reservation: {@link AdmissionFilter}'s earlier check only spares refused requests the
     * body's parsing, and many requests can pass it at once.
     */
    public void admit() {
        if (!config.enabled()) {
            return;
        }
        refuseIfOverloaded();
        monitor.admitted();
    }

    /** Throws the 503 problem when the backlog is above a bound. */
    public void refuseIfOverloaded() {
        if (!config.enabled()) {
            return;
        }
        if (monitor.pendingIncludingAdmitted() >= config.maxPending()) {
            backlogRejections.increment();
            throw overloaded();
        }
        if (monitor.current().oldestPendingAgeSeconds() > config.maxOldestPendingAge().toMillis() / 1000.0) {
            ageRejections.increment();
            throw overloaded();
        }
        if (emailBacklog.unemailed().orElse(0) >= config.maxUnemailed()) {
            emailRejections.increment();
            throw overloaded();
        }
    }

    private static ProblemException overloaded() {
        return new ProblemException(503, OVERLOADED, "Service Unavailable",
                "Too many bookings are waiting to be completed; please retry later.");
    }
}
