package io.zingtickets.booking.messaging;

import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.zingtickets.booking.reservation.BookingService;
import io.zingtickets.booking.reservation.BookingStatus;
import io.zingtickets.support.messaging.InboundEventReader;
import io.zingtickets.support.messaging.KeyOrderedConsumption;

/**
 * Settles bookings from payment outcomes. A message that cannot be read is refused and lands in
 * {@code booking-service.dlq} (the channel's failure strategy) instead of blocking the partition.
 * Outcomes of different bookings settle concurrently, those of one booking in order
 * ({@link KeyOrderedConsumption}).
 */
@ApplicationScoped
public class PaymentOutcomeConsumer {

    private final BookingService bookings;
    private final InboundEventReader reader;
    private final KeyOrderedConsumption consumption;

    PaymentOutcomeConsumer(BookingService bookings, InboundEventReader reader, KeyOrderedConsumption consumption) {
        this.bookings = bookings;
        this.reader = reader;
        this.consumption = consumption;
    }

    @Incoming("payment-completed")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Flow.Subscriber<Message<String>> paymentCompleted() {
        return consumption.inKeyOrder(message -> confirm(message.getPayload()));
    }

    @Incoming("payment-failed")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Flow.Subscriber<Message<String>> paymentFailed() {
        return consumption.inKeyOrder(message -> fail(message.getPayload()));
    }

    Uni<Void> confirm(String payload) {
        PaymentOutcome outcome = reader.read(payload, PaymentOutcome.class);
        return bookings.settle(outcome.bookingId(), BookingStatus.CONFIRMED, null).replaceWithVoid();
    }

    Uni<Void> fail(String payload) {
        PaymentOutcome outcome = reader.read(payload, PaymentOutcome.class);
        String reason = outcome.reason() == null ? "payment_failed" : outcome.reason();
        return bookings.settle(outcome.bookingId(), BookingStatus.FAILED, reason).replaceWithVoid();
    }
}
