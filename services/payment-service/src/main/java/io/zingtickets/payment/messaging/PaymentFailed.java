package io.zingtickets.payment.messaging;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.zingmonitor.Sensitive;
import io.zingtickets.payment.gateway.AuthorizationResult;
import io.zingtickets.payment.charge.PaymentOutcome;

/**
 * The {@code payment.failed} event (contracts.md); {@code reason} is an {@link AuthorizationResult#failureReason()}, or
 * {@code abandoned} for a booking that booking-service gave up before it was charged.
 */
@RegisterForReflection
public record PaymentFailed(
        UUID bookingId,
        long eventId,
        int seats,
        long amountCents,
        String currency,
        @Sensitive String buyerEmail,
        String cardLast4,
        String reason,
        Instant processedAt) {

    static PaymentFailed of(BookingRequested booking, PaymentOutcome outcome) {
        return new PaymentFailed(booking.bookingId(), booking.eventId(), booking.seats(), booking.amountCents(),
                booking.currency(), booking.buyerEmail(), booking.cardLast4(), outcome.failureReason(),
                outcome.processedAt());
    }
}
