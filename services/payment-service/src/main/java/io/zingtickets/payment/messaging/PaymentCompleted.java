package io.zingtickets.payment.messaging;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.zingmonitor.Sensitive;
import io.zingtickets.payment.charge.PaymentOutcome;

/** The {@code payment.completed} event (contracts.md). */
@RegisterForReflection
public record PaymentCompleted(
        UUID bookingId,
        String paymentId,
        long eventId,
        int seats,
        long amountCents,
        String currency,
        @Sensitive String buyerEmail,
        String cardLast4,
        Instant processedAt) {

    static PaymentCompleted of(BookingRequested booking, PaymentOutcome outcome) {
        return new PaymentCompleted(booking.bookingId(), outcome.paymentId(), booking.eventId(), booking.seats(),
                booking.amountCents(), booking.currency(), booking.buyerEmail(), booking.cardLast4(),
                outcome.processedAt());
    }
}
