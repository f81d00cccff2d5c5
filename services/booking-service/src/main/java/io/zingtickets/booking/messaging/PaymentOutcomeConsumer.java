package io.zingtickets.booking.messaging;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.zingtickets.booking.booking.BookingService;
import io.zingtickets.booking.booking.BookingStatus;

/**
 * Settles bookings from payment outcomes. A message that cannot be read is refused and lands in
 * {@code booking-service.dlq} (the channel's failure strategy) instead of blocking the partition.
 */
@ApplicationScoped
public class PaymentOutcomeConsumer {

    private final BookingService bookings;
    private final ObjectMapper json;

    PaymentOutcomeConsumer(BookingService bookings, ObjectMapper json) {
        this.bookings = bookings;
        this.json = json;
    }

    @Incoming("payment-completed")
    public Uni<Void> paymentCompleted(String payload) {
        PaymentOutcome outcome = read(payload);
        return bookings.settle(outcome.bookingId(), BookingStatus.CONFIRMED, null).replaceWithVoid();
    }

    @Incoming("payment-failed")
    public Uni<Void> paymentFailed(String payload) {
        PaymentOutcome outcome = read(payload);
        String reason = outcome.reason() == null ? "payment_failed" : outcome.reason();
        return bookings.settle(outcome.bookingId(), BookingStatus.FAILED, reason).replaceWithVoid();
    }

    private PaymentOutcome read(String payload) {
        try {
            PaymentOutcome outcome = payload == null ? null : json.readValue(payload, PaymentOutcome.class);
            if (outcome == null || outcome.bookingId() == null) {
                throw new IllegalArgumentException("payment outcome without bookingId");
            }
            return outcome;
        } catch (IOException e) {
            // Not the payload itself in the message: it carries the buyer's email.
            throw new IllegalArgumentException("unreadable payment outcome (" + e.getClass().getSimpleName() + ")");
        }
    }
}
