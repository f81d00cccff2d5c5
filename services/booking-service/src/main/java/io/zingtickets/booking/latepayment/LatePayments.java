package io.zingtickets.booking.latepayment;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The rule for a {@code payment.completed} that arrives for a booking already FAILED (docs/contracts.md,
 * "Late payments"): the buyer paid, so the booking is reinstated when its seats can still be taken;
 * when they were sold meanwhile it stays FAILED, and the charge is reported (ERROR log, counter, alert)
 * for a refund. Never dropped in silence. With payment-service refusing abandoned bookings this should
 * not happen at all; it is the last line, not the flow.
 */
// Created at start, not on first use: its counters must be scraped (at zero) before anything happens, since an
// alert rule watches them.
@Startup
@ApplicationScoped
public class LatePayments {

    private static final Logger LOG = Logger.getLogger(LatePayments.class);

    private final Pool pool;
    private final Map<LatePaymentOutcome, Counter> counters = new EnumMap<>(LatePaymentOutcome.class);

    LatePayments(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        for (LatePaymentOutcome outcome : LatePaymentOutcome.values()) {
            counters.put(outcome, Counter.builder("zingtickets.late.payments")
                    .description("Payments completed for bookings already FAILED, by what was done about them")
                    .tag("outcome", outcome.tag()).register(registry));
        }
    }

    /**
     * Applies the rule if the booking is FAILED; empty if it is not (a redelivered outcome of a confirmed
     * booking, or an unknown booking), in which case there is nothing to do.
     */
    public Uni<Optional<LatePaymentOutcome>> paymentCompletedAfterFailure(UUID id) {
        // The booking row is locked first, so a concurrent redelivery of the same outcome waits and then
        // finds it CONFIRMED; the seats are taken only if enough are left, as for a new booking.
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT event_id, seats FROM bookings WHERE id = $1 AND status = 'FAILED' FOR UPDATE")
                .execute(Tuple.of(id))
                .chain(failed -> {
                    if (!failed.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.<LatePaymentOutcome>empty());
                    }
                    var booking = failed.iterator().next();
                    int seats = booking.getInteger("seats");
                    return connection.preparedQuery("UPDATE events SET seats_left = seats_left - $1 WHERE id = $2 AND seats_left >= $1")
                            .execute(Tuple.of(seats, booking.getLong("event_id")))
                            .chain(taken -> taken.rowCount() == 0
                                    ? Uni.createFrom().item(Optional.of(LatePaymentOutcome.UNSEATED))
                                    : connection.preparedQuery("UPDATE bookings SET status = 'CONFIRMED', failure_reason = NULL, "
                                            + "updated_at = now() WHERE id = $1").execute(Tuple.of(id))
                                            .map(ignored -> Optional.of(LatePaymentOutcome.REINSTATED)));
                }))
                .invoke(outcome -> outcome.ifPresent(o -> {
                    counters.get(o).increment();
                    if (o == LatePaymentOutcome.REINSTATED) {
                        LOG.warnf("Booking %s was FAILED when its payment completed; its seats were free, so it is reinstated "
                                + "and CONFIRMED", id);
                    } else {
                        LOG.errorf("Booking %s was FAILED when its payment completed and its seats are sold: the buyer was "
                                + "charged without a ticket and must be refunded", id);
                    }
                }));
    }
}
