package io.zingtickets.booking.reservation;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** A booking as the API shows it: no card beyond its last four digits, and the buyer's email not echoed. */
public record Booking(UUID id, long eventId, int seats, BookingStatus status, long amountCents, String currency,
        String cardLast4, String failureReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static Booking from(Row row) {
        return new Booking(row.getUUID("id"), row.getLong("event_id"), row.getInteger("seats"),
                BookingStatus.valueOf(row.getString("status")), row.getLong("amount_cents"), row.getString("currency"),
                row.getString("card_last4"), row.getString("failure_reason"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
