package io.zingtickets.booking.messaging;

import java.time.Instant;
import java.util.UUID;

/** {@code booking.requested} (docs/contracts.md): the card only as token and last four digits. */
public record BookingRequested(UUID bookingId, long eventId, int seats, long amountCents, String currency,
        String buyerEmail, String cardToken, String cardLast4, Instant requestedAt) {
}
