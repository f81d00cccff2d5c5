package io.zingtickets.payment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.zingtickets.payment.charge.PaymentOutcome;
import io.zingtickets.support.resilience.TransientFailureRetry;

/**
 * Publishes a booking's payment outcome, keyed by booking id so that all events of a booking stay
 * ordered. The returned Uni completes once the broker has the record (acks=all): only then may the
 * request that caused it be committed.
 */
@ApplicationScoped
public class PaymentOutcomePublisher {

    private final MutinyEmitter<PaymentCompleted> completed;
    private final MutinyEmitter<PaymentFailed> failed;
    private final TransientFailureRetry retry;

    PaymentOutcomePublisher(@Channel("payment-completed") MutinyEmitter<PaymentCompleted> completed,
            @Channel("payment-failed") MutinyEmitter<PaymentFailed> failed, TransientFailureRetry retry) {
        this.completed = completed;
        this.failed = failed;
        this.retry = retry;
    }

    public Uni<Void> publish(BookingRequested booking, PaymentOutcome outcome) {
        String key = booking.bookingId().toString();
        // The emitter sends on subscription, so each retry sends again.
        Uni<Void> send = outcome.isCompleted()
                ? completed.sendMessage(KafkaRecord.of(key, PaymentCompleted.of(booking, outcome)))
                : failed.sendMessage(KafkaRecord.of(key, PaymentFailed.of(booking, outcome)));
        return retry.retrying(send, "Publishing payment outcome of booking " + key);
    }
}
