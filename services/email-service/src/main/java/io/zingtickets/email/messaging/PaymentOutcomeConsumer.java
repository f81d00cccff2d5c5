package io.zingtickets.email.messaging;

import java.util.UUID;
import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.zingtickets.email.notification.BookingEmails;
import io.zingtickets.email.notification.DeliveryBacklog;
import io.zingtickets.email.notification.Notification;
import io.zingtickets.email.notification.NotificationService;
import io.zingtickets.email.privacy.EmailAddressMask;
import io.zingtickets.support.messaging.InboundEventReader;
import io.zingtickets.support.messaging.KeyOrderedConsumption;
import io.zingtickets.support.messaging.RecordPosition;
import io.zingtickets.support.resilience.PermanentFailure;
import io.zingtickets.support.resilience.TransientFailureRetry;

/**
 * Emails the buyer about each payment outcome. A record is committed only once its email is sent (or
 * known to be sent), so nothing is lost to a crash; redeliveries are absorbed by
 * {@link NotificationService}. Unreadable records go to {@code email-service.dlq}. Emails of different
 * bookings are sent concurrently through the mailer's connection pool, those of one booking in order
 * ({@link KeyOrderedConsumption}).
 */
@ApplicationScoped
public class PaymentOutcomeConsumer {

    private static final Logger LOG = Logger.getLogger(PaymentOutcomeConsumer.class);

    private final InboundEventReader reader;
    private final BookingEmails emails;
    private final NotificationService notifications;
    private final TransientFailureRetry retry;
    private final KeyOrderedConsumption consumption;
    private final DeliveryBacklog backlog;

    PaymentOutcomeConsumer(InboundEventReader reader, BookingEmails emails, NotificationService notifications,
            TransientFailureRetry retry, KeyOrderedConsumption consumption, DeliveryBacklog backlog) {
        this.reader = reader;
        this.emails = emails;
        this.notifications = notifications;
        this.retry = retry;
        this.consumption = consumption;
        this.backlog = backlog;
    }

    @Incoming("payment-completed")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Flow.Subscriber<Message<String>> onPaymentCompleted() {
        return consumption.inKeyOrder(this::confirm);
    }

    @Incoming("payment-failed")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Flow.Subscriber<Message<String>> onPaymentFailed() {
        return consumption.inKeyOrder(this::notifyFailure);
    }

    Uni<Void> confirm(Message<String> record) {
        return read(record, PaymentCompleted.class)
                .chain(paid -> deliver(paid.bookingId(), emails.confirmation(paid.bookingId(), paid.buyerEmail(),
                        paid.seats(), paid.amountCents(), paid.currency())))
                .onFailure().invoke(failure -> logDeadLetter(record, failure));
    }

    Uni<Void> notifyFailure(Message<String> record) {
        return read(record, PaymentFailed.class)
                .chain(failed -> deliver(failed.bookingId(), emails.failureNotice(failed.bookingId(),
                        failed.buyerEmail(), failed.seats(), failed.amountCents(), failed.currency(), failed.reason())))
                .onFailure().invoke(failure -> logDeadLetter(record, failure));
    }

    private <T> Uni<T> read(Message<String> record, Class<T> type) {
        return Uni.createFrom().item(() -> reader.read(record.getPayload(), type));
    }

    private Uni<Void> deliver(UUID bookingId, Notification notification) {
        // The retries included: an outcome retried for minutes is a buyer waiting for minutes.
        return backlog.tracking(retry.retrying(notifications.deliver(bookingId, notification),
                "Emailing booking " + bookingId)).replaceWithVoid();
    }

    /** Transient failures are retried until they pass, so whatever fails here is dead-lettered. */
    private static void logDeadLetter(Message<String> record, Throwable failure) {
        LOG.warnf("Dead-lettering %s: %s", RecordPosition.of(record), failure instanceof PermanentFailure ? failure.getMessage()
                        : EmailAddressMask.describe(failure));
    }
}
