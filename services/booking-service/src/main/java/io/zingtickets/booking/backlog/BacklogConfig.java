package io.zingtickets.booking.backlog;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much unfinished work booking-service accepts, and how often it looks. */
@ConfigMapping(prefix = "zingtickets.backlog")
public interface BacklogConfig {

    /** How often the pending bookings and the outbox are counted (the gauges and admission control use the count). */
    @WithDefault("500ms")
    Duration refreshInterval();

    Admission admission();

    interface Admission {

        /** Whether {@code POST /bookings} refuses new bookings while the backlog is above a bound. */
        @WithDefault("true")
        boolean enabled();

        /**
         * The most PENDING bookings before new ones are refused with 503. At the measured capacity
         * (bench/E2E.md) this many bookings settle well within the 5 s settlement objective.
         */
        @WithDefault("2000")
        long maxPending();

        /**
         * The oldest PENDING booking's age above which new bookings are refused: past it, the
         * pipeline is not settling at all (payment-service or the broker down), and a new booking
         * would only wait with the others.
         */
        @WithDefault("30s")
        Duration maxOldestPendingAge();

        /** What a refused client is told to wait before retrying ({@code Retry-After}). */
        @WithDefault("2s")
        Duration retryAfter();
    }
}
