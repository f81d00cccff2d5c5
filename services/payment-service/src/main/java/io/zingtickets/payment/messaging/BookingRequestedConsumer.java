package io.zingtickets.payment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.zingmonitor.PayloadRedactor;
import io.zingtickets.payment.charge.PaymentService;
import io.zingtickets.support.messaging.InboundEventReader;
import io.zingtickets.support.messaging.KeyOrderedConsumption;
import io.zingtickets.support.messaging.RecordPosition;
import io.zingtickets.support.resilience.PermanentFailure;

/**
 * Pays each requested booking and announces the outcome. The record is committed only after the
 * outcome is on the broker, so a crash anywhere in between means a redelivery, which
 * {@link PaymentService} answers without charging again. An unreadable record fails permanently and
 * goes to {@code payment-service.dlq} (failure-strategy in application.properties). Requests of different
 * bookings are paid concurrently, those of one booking in order ({@link KeyOrderedConsumption}).
 */
@ApplicationScoped
public class BookingRequestedConsumer {

    private static final Logger LOG = Logger.getLogger(BookingRequestedConsumer.class);

    private final InboundEventReader reader;
    private final PaymentService payments;
    private final PaymentOutcomePublisher publisher;
    private final KeyOrderedConsumption consumption;

    BookingRequestedConsumer(InboundEventReader reader, PaymentService payments, PaymentOutcomePublisher publisher,
            KeyOrderedConsumption consumption) {
        this.reader = reader;
        this.payments = payments;
        this.publisher = publisher;
        this.consumption = consumption;
    }

    @Incoming("booking-requested")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Flow.Subscriber<Message<String>> onBookingRequested() {
        return consumption.inKeyOrder(this::pay);
    }

    Uni<Void> pay(Message<String> message) {
        return Uni.createFrom().item(() -> reader.read(message.getPayload(), BookingRequested.class))
                .invoke(booking -> {
                    if (LOG.isDebugEnabled()) {
                        // The email and card token are masked by the redactor generated for BookingRequested.
                        LOG.debugf("Received %s", PayloadRedactor.toLogString(booking));
                    }
                })
                .chain(booking -> payments.pay(booking.bookingId(), booking.toCharge())
                        .invoke(outcome -> LOG.infof("Payment of booking %s %s", booking.bookingId(),
                                outcome.isCompleted() ? "completed" : "failed: " + outcome.failureReason()))
                        .chain(outcome -> publisher.publish(booking, outcome)))
                // Transient failures are retried until they pass, so whatever fails here is dead-lettered.
                .onFailure().invoke(failure -> LOG.warnf("Dead-lettering %s: %s", RecordPosition.of(message),
                        failure instanceof PermanentFailure ? failure.getMessage() : failure.toString()));
    }
}
