package io.zingtickets.booking.backlog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much unfinished work booking-service accepts, and how often it looks. */
@ConfigMapping(prefix = "zingtickets.backlog")
public interface BacklogConfig {

    /** How often the pending bookings and the outbox are counted (the gauges and admission control use the count). */
    @WithDefault("500ms")
    Duration refreshInterval();

    Admission admission();

    Email email();

    /**
     * Where booking-service sees the pipeline's last stage: the outcomes email-service has not yet taken off
     * Kafka, its consumer group's lag on the outcome topics. A booking is finished when its buyer is emailed,
     * so admission control bounds this backlog too.
     */
    interface Email {

        /** email-service's consumer group; unset, the email backlog is not watched. */
        Optional<String> groupId();

        /** The topics email-service consumes the payment outcomes from. */
        @WithDefault("payment.completed,payment.failed")
        List<String> topics();

        /**
         * A lag older than this is not used (Kafka unreachable): the pending bounds still apply, and
         * {@code POST /bookings} does not start refusing because the broker is down.
         */
        @WithDefault("10s")
        Duration maxStaleness();
    }

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

        /**
         * The most settled bookings whose buyer is not yet emailed (email-service's lag, {@link Email})
         * before new bookings are refused with 503: where emailing is the slowest stage, this keeps the
         * time to the email bounded rather than letting its queue grow for as long as the load lasts.
         */
        @WithDefault("2000")
        long maxUnemailed();

        /** What a refused client is told to wait before retrying ({@code Retry-After}). */
        @WithDefault("2s")
        Duration retryAfter();
    }
}
