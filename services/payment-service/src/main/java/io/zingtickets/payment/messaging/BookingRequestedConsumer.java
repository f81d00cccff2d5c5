package io.zingtickets.payment.messaging;

import io.zingtickets.support.messaging.InboundEventReader;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.zingmonitor.PayloadRedactor;
import io.zingtickets.payment.payment.PaymentService;
import io.zingtickets.support.resilience.PermanentFailure;

/**
 * Pays each requested booking and announces the outcome. The record is committed only after the
 * outcome is on the broker, so a crash anywhere in between means a redelivery, which
 * {@link PaymentService} answers without charging again. An unreadable record fails permanently and
 * goes to {@code payment-service.dlq} (failure-strategy in application.properties).
 */
@ApplicationScoped
public class BookingRequestedConsumer {

    private static final Logger LOG = Logger.getLogger(BookingRequestedConsumer.class);

    private final InboundEventReader reader;
    private final PaymentService payments;
    private final PaymentOutcomePublisher publisher;

    BookingRequestedConsumer(InboundEventReader reader, PaymentService payments, PaymentOutcomePublisher publisher) {
        this.reader = reader;
        this.payments = payments;
        this.publisher = publisher;
    }

    @Incoming("booking-requested")
    public Uni<Void> onBookingRequested(ConsumerRecord<String, String> record) {
        return Uni.createFrom().item(() -> reader.read(record.value(), BookingRequested.class))
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
                .onFailure().invoke(failure -> LOG.warnf("Dead-lettering %s-%d offset %d (key %s): %s",
                        record.topic(), record.partition(), record.offset(), record.key(),
                        failure instanceof PermanentFailure ? failure.getMessage() : failure.toString()));
    }
}
