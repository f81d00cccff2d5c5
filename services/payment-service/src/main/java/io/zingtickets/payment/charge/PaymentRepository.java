package io.zingtickets.payment.charge;

import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zingtickets.payment.gateway.AuthorizationResult;

/** The {@code payments} table: one row per booking, whose primary key makes a second charge impossible. */
@ApplicationScoped
public class PaymentRepository {

    private final Pool pool;

    PaymentRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records the attempt; {@code true} if this call created the row and so owns the authorization. */
    public Uni<Boolean> claim(UUID bookingId, Charge charge) {
        return pool.preparedQuery("""
                INSERT INTO payments (booking_id, status, amount_cents, currency, card_last4)
                VALUES ($1, 'PENDING', $2, $3, $4)
                ON CONFLICT (booking_id) DO NOTHING""")
                .execute(Tuple.of(bookingId, charge.amountCents(), charge.currency(), charge.cardLast4()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The outcome on record, empty while the booking is still pending (or unknown). */
    public Uni<Optional<PaymentOutcome>> findOutcome(UUID bookingId) {
        return pool.preparedQuery("""
                SELECT status, payment_id, failure_reason, processed_at
                FROM payments WHERE booking_id = $1""")
                .execute(Tuple.of(bookingId))
                .map(PaymentRepository::firstOutcome);
    }

    /**
     * Stores the outcome of a pending payment. Returns the outcome on record, which is another one if
     * a concurrent attempt (possible only around a consumer rebalance) got there first.
     */
    public Uni<PaymentOutcome> recordOutcome(UUID bookingId, PaymentOutcome outcome) {
        return pool.preparedQuery("""
                UPDATE payments
                SET status = $2, payment_id = $3, failure_reason = $4, processed_at = $5
                WHERE booking_id = $1 AND status = 'PENDING'""")
                .execute(Tuple.of(bookingId,
                        outcome.status().name(),
                        outcome.paymentId(),
                        outcome.failureReason(),
                        outcome.processedAt().atOffset(ZoneOffset.UTC)))
                .chain(updated -> updated.rowCount() == 1
                        ? Uni.createFrom().item(outcome)
                        : findOutcome(bookingId).map(stored -> stored.orElseThrow(() -> new IllegalStateException(
                                "Payment of booking " + bookingId + " is neither pending nor decided"))));
    }

    /**
     * What booking-service's reconciler asks about a booking it has waited too long for: the payment on
     * record, or, when none was ever claimed, an ABANDONED row written by this very statement. The primary
     * key decides the race with a concurrent claim: either the claim's row exists and is returned, or the
     * ABANDONED row exists and the claim finds it, so the booking is never charged.
     */
    public Uni<RecordedPayment> abandonUnlessClaimed(UUID bookingId) {
        return pool.preparedQuery("""
                INSERT INTO payments (booking_id, status, processed_at) VALUES ($1, 'ABANDONED', date_trunc('milliseconds', now()))
                ON CONFLICT (booking_id) DO NOTHING
                RETURNING status, payment_id, failure_reason""")
                .execute(Tuple.of(bookingId))
                .chain(inserted -> inserted.rowCount() == 1
                        ? Uni.createFrom().item(RecordedPayment.from(inserted.iterator().next()))
                        : pool.preparedQuery("SELECT status, payment_id, failure_reason FROM payments WHERE booking_id = $1")
                                .execute(Tuple.of(bookingId))
                                .map(rows -> RecordedPayment.from(rows.iterator().next())));
    }

    private static Optional<PaymentOutcome> firstOutcome(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return switch (PaymentStatus.valueOf(row.getString("status"))) {
            case PENDING -> Optional.empty();
            case COMPLETED -> Optional.of(PaymentOutcome.completed(row.getString("payment_id"),
                    row.getOffsetDateTime("processed_at").toInstant()));
            case FAILED -> Optional.of(PaymentOutcome.failed(
                    AuthorizationResult.fromFailureReason(row.getString("failure_reason")),
                    row.getOffsetDateTime("processed_at").toInstant()));
            case ABANDONED -> Optional.of(PaymentOutcome.abandoned(row.getOffsetDateTime("processed_at").toInstant()));
        };
    }
}
