package io.zingtickets.email.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code sent_emails} table, one row per booking. A sender must hold the row's claim token to
 * finish or release it, so an instance that was presumed dead cannot undo its successor's work.
 * Times come from PostgreSQL's clock, the one clock all replicas share.
 */
@ApplicationScoped
public class SentEmailRepository {

    private final Pool pool;

    SentEmailRepository(Pool pool) {
        this.pool = pool;
    }

    /** {@code true} if this call created the row, so the caller may send. */
    public Uni<Boolean> claim(UUID bookingId, NotificationKind kind, UUID token) {
        return pool.preparedQuery("""
                INSERT INTO sent_emails (booking_id, kind, status, claim_token)
                VALUES ($1, $2, 'SENDING', $3)
                ON CONFLICT (booking_id) DO NOTHING""")
                .execute(Tuple.of(bookingId, kind.name(), token))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Takes over a claim older than {@code lease}; {@code true} if the caller now holds it. */
    public Uni<Boolean> takeOverExpiredClaim(UUID bookingId, UUID token, Duration lease) {
        return pool.preparedQuery("""
                UPDATE sent_emails
                SET claim_token = $2, claimed_at = now(), attempts = attempts + 1
                WHERE booking_id = $1 AND status = 'SENDING'
                  AND claimed_at < now() - make_interval(secs => $3)""")
                .execute(Tuple.of(bookingId, token, lease.toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1);
    }

    /** {@code false} if the claim was no longer the caller's (it was taken over meanwhile). */
    public Uni<Boolean> markSent(UUID bookingId, UUID token) {
        return pool.preparedQuery("""
                UPDATE sent_emails SET status = 'SENT', sent_at = now()
                WHERE booking_id = $1 AND claim_token = $2 AND status = 'SENDING'""")
                .execute(Tuple.of(bookingId, token))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> markRejected(UUID bookingId, UUID token, int smtpReplyCode) {
        return pool.preparedQuery("""
                UPDATE sent_emails SET status = 'REJECTED', rejection_code = $3
                WHERE booking_id = $1 AND claim_token = $2 AND status = 'SENDING'""")
                .execute(Tuple.of(bookingId, token, smtpReplyCode))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the booking back, so that the next attempt can claim and send it. */
    public Uni<Void> release(UUID bookingId, UUID token) {
        return pool.preparedQuery("""
                DELETE FROM sent_emails
                WHERE booking_id = $1 AND claim_token = $2 AND status = 'SENDING'""")
                .execute(Tuple.of(bookingId, token))
                .replaceWithVoid();
    }

    public Uni<Optional<SentEmail>> find(UUID bookingId) {
        return pool.preparedQuery("""
                SELECT booking_id, kind, status, attempts, claimed_at, sent_at
                FROM sent_emails WHERE booking_id = $1""")
                .execute(Tuple.of(bookingId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSentEmail(rows.iterator().next())));
    }

    private static SentEmail toSentEmail(Row row) {
        return new SentEmail(row.getUUID("booking_id"),
                NotificationKind.valueOf(row.getString("kind")),
                EmailStatus.valueOf(row.getString("status")),
                row.getInteger("attempts"),
                instant(row.getOffsetDateTime("claimed_at")),
                instant(row.getOffsetDateTime("sent_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
