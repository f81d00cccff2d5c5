package io.zingtickets.booking.reservation;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The SLI customers feel: time from booking to its outcome, per outcome, with buckets at the
 * settlement objective's thresholds. Both instants come from the database clock, so the time is right
 * whichever replica created and settled the booking.
 */
@ApplicationScoped
public class SettlementTimes {

    private static final Duration[] SLO_BUCKETS = { Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(300) };

    private final Timer confirmed;
    private final Timer failed;

    SettlementTimes(MeterRegistry registry) {
        this.confirmed = timer(registry, BookingStatus.CONFIRMED);
        this.failed = timer(registry, BookingStatus.FAILED);
    }

    private static Timer timer(MeterRegistry registry, BookingStatus outcome) {
        return Timer.builder("zingtickets.booking.settlement")
                .description("Time from booking creation to its outcome (CONFIRMED or FAILED)")
                .tag("outcome", outcome.name())
                .serviceLevelObjectives(SLO_BUCKETS)
                .register(registry);
    }

    /** Records a booking that has just been settled. */
    void record(Booking settled) {
        Timer timer = settled.status() == BookingStatus.CONFIRMED ? confirmed : failed;
        timer.record(Duration.between(settled.createdAt(), settled.updatedAt()));
    }
}
