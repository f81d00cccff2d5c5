package io.zingtickets.booking.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.zingtickets.booking.booking.BookingService;
import io.zingtickets.booking.booking.BookingStatus;
import io.zingtickets.support.messaging.InboundEventReader;

/**
 * Settles bookings from payment outcomes. A message that cannot be read is refused and lands in
 * {@code booking-service.dlq} (the channel's failure strategy) instead of blocking the partition.
 */
@ApplicationScoped
public class PaymentOutcomeConsumer {

    private final BookingService bookings;
    private final InboundEventReader reader;

    PaymentOutcomeConsumer(BookingService bookings, InboundEventReader reader) {
        this.bookings = bookings;
        this.reader = reader;
    }

    @Incoming("payment-completed")
    public Uni<Void> paymentCompleted(String payload) {
        PaymentOutcome outcome = reader.read(payload, PaymentOutcome.class);
        return bookings.settle(outcome.bookingId(), BookingStatus.CONFIRMED, null).replaceWithVoid();
    }

    @Incoming("payment-failed")
    public Uni<Void> paymentFailed(String payload) {
        PaymentOutcome outcome = reader.read(payload, PaymentOutcome.class);
        String reason = outcome.reason() == null ? "payment_failed" : outcome.reason();
        return bookings.settle(outcome.bookingId(), BookingStatus.FAILED, reason).replaceWithVoid();
    }
}
