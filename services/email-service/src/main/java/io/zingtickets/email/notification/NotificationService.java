package io.zingtickets.email.notification;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import io.zingmonitor.Observed;
import io.zingmonitor.TelemetryAttribute;
import io.zingtickets.email.privacy.EmailAddressMask;
import io.zingtickets.support.resilience.TransientFailureRetry;

/**
 * Sends each booking's email once, however often its event is delivered.
 *
 * <p>A sender first claims the booking in {@code sent_emails} (INSERT ... ON CONFLICT DO NOTHING),
 * sends, then marks the row sent. A transient send failure releases the claim so a retry can send.
 * The one window left open is a crash after the SMTP server accepted the email but before the row is
 * marked sent: nobody can tell then whether the buyer has it. We choose to send again once the
 * claim's lease has expired (at-least-once in that window), because a buyer without a confirmation
 * is worse off than one with two; the window is a single database round trip wide.
 *
 * <p>A hung SMTP server (it accepted the connection and answers nothing) makes a send wait, not fail.
 * After {@link EmailConfig#sendTimeout()} the attempt counts as failed and the delivery is retried, but
 * the attempt is not cancelled and keeps its claim: the Vert.x mail client cannot take back what it has
 * written to the socket, and a server that wakes up reads it and delivers the email. Cancelling the attempt
 * and sending again would therefore mean two emails for every outcome caught in the hang; instead the
 * attempt runs to its real end (sent and marked, or failed and released) and the retry waits for that end
 * before it looks again (finding the email sent, or the claim free to send it). Nor is a running attempt of
 * this instance ever taken over when its lease expires: only a claim of a dead instance is, the window
 * described above.
 */
// Created at start, not on first use: its counters must be scraped (at zero) before anything happens, since an
// alert rule watches them.
@Startup
@ApplicationScoped
public class NotificationService {

    /** Header naming the booking, so support and tests can find a booking's email in a mailbox. */
    public static final String BOOKING_ID_HEADER = "X-ZingTickets-Booking-Id";

    private static final Logger LOG = Logger.getLogger(NotificationService.class);

    private final SentEmailRepository repository;
    private final TracedMailer mailer;
    private final EmailConfig config;
    private final MeterRegistry registry;
    private final TransientFailureRetry retry;
    /** Sends running in this instance by booking, timed out or not: their claim is live, whatever its age. */
    private final Map<UUID, CompletableFuture<DeliveryResult>> runningHere = new ConcurrentHashMap<>();

    NotificationService(SentEmailRepository repository, TracedMailer mailer, EmailConfig config,
            MeterRegistry registry, TransientFailureRetry retry) {
        this.repository = repository;
        this.mailer = mailer;
        this.config = config;
        this.registry = registry;
        this.retry = retry;
        // Registered up front, at zero: EmailDeliveryFailures watches the counter from the first scrape.
        for (NotificationKind kind : NotificationKind.values()) {
            sendFailures(kind);
        }
    }

    private Counter sendFailures(NotificationKind kind) {
        return Counter.builder("zingtickets.email.send.failures")
                .description("Attempts to hand an email to the SMTP server that failed or outlasted the send timeout (each is retried)")
                .tag("kind", kind.name().toLowerCase()).register(registry);
    }

    /** Lazy: each subscription is a fresh attempt with its own claim token, so it can be retried as is. */
    @Observed("email.deliver")
    public Uni<DeliveryResult> deliver(@TelemetryAttribute("zingtickets.booking.id") UUID bookingId,
            Notification notification) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<DeliveryResult> running = runningHere.get(bookingId);
            if (running != null) {
                // A retry after a timeout: wait for the attempt's end however it ends (no new failure to count,
                // no back-off), then look again.
                return Uni.createFrom().completionStage(running.copy()).onItemOrFailure()
                        .transformToUni((result, failure) -> claimAndSend(bookingId, notification));
            }
            return claimAndSend(bookingId, notification);
        });
    }

    private Uni<DeliveryResult> claimAndSend(UUID bookingId, Notification notification) {
        Attempt attempt = Attempt.start(bookingId, notification);
        return repository.claim(bookingId, notification.kind(), attempt.claimId())
                .chain(claimed -> claimed ? sendWithinTimeout(attempt) : alreadyClaimed(attempt));
    }

    private void count(NotificationKind kind, DeliveryResult result) {
        registry.counter("zingtickets.emails", "kind", kind.name().toLowerCase(), "result",
                result.name().toLowerCase()).increment();
    }

    /**
     * One try at sending a booking's email, identified in {@code sent_emails} by its claim token.
     * {@code serverAnswered}: the SMTP exchange is over, only the database is left, which the send timeout
     * does not bound. {@code failureCounted}: an attempt that times out and then fails for real is still one
     * failed attempt.
     */
    private record Attempt(UUID bookingId, Notification notification, UUID claimId, AtomicBoolean serverAnswered,
            AtomicBoolean failureCounted) {

        static Attempt start(UUID bookingId, Notification notification) {
            return new Attempt(bookingId, notification, UUID.randomUUID(), new AtomicBoolean(), new AtomicBoolean());
        }

        NotificationKind kind() {
            return notification.kind();
        }

        String maskedRecipient() {
            return EmailAddressMask.mask(notification.recipient());
        }
    }

    private Uni<DeliveryResult> alreadyClaimed(Attempt attempt) {
        return repository.find(attempt.bookingId()).chain(existing -> {
            if (existing.isEmpty()) {
                // Released between our insert and our read: the next attempt can claim it.
                return Uni.createFrom().failure(new ClaimHeldElsewhere(attempt.bookingId()));
            }
            SentEmail email = existing.get();
            if (email.status() != EmailStatus.SENDING) {
                if (email.kind() != attempt.kind()) {
                    LOG.warnf("Booking %s already got a %s email; not sending a %s one", attempt.bookingId(),
                            email.kind(), attempt.kind());
                } else {
                    LOG.infof("%s email of booking %s was already handled (%s); not sending it again",
                            attempt.kind(), attempt.bookingId(), email.status());
                }
                count(attempt.kind(), DeliveryResult.ALREADY_HANDLED);
                return Uni.createFrom().item(DeliveryResult.ALREADY_HANDLED);
            }
            if (runningHere.containsKey(attempt.bookingId())) {
                // Our own attempt, waiting on the SMTP server: it is alive, however old its claim.
                return Uni.createFrom().failure(new ClaimHeldElsewhere(attempt.bookingId()));
            }
            return repository.takeOverExpiredClaim(attempt.bookingId(), attempt.claimId(), config.claimLease())
                    .chain(tookOver -> {
                        if (!tookOver) {
                            return Uni.createFrom().failure(new ClaimHeldElsewhere(attempt.bookingId()));
                        }
                        LOG.warnf("Claim on the %s email of booking %s expired unfinished; sending it again, "
                                + "the buyer may receive it twice", attempt.kind(), attempt.bookingId());
                        return sendWithinTimeout(attempt);
                    });
        });
    }

    /**
     * The attempt, subscribed here and run to its end whatever becomes of the caller (see the class
     * comment); the caller waits for it at most {@link EmailConfig#sendTimeout()}.
     */
    private Uni<DeliveryResult> sendWithinTimeout(Attempt attempt) {
        CompletableFuture<DeliveryResult> outcome = new CompletableFuture<>();
        // Registered before it starts and removed before it completes: a send that ends at once leaves no
        // entry behind, and whoever waits on it finds none when it looks again.
        runningHere.put(attempt.bookingId(), outcome);
        send(attempt).invoke(result -> count(attempt.kind(), result)).subscribe().with(
                result -> {
                    runningHere.remove(attempt.bookingId(), outcome);
                    outcome.complete(result);
                },
                failure -> {
                    runningHere.remove(attempt.bookingId(), outcome);
                    outcome.completeExceptionally(failure);
                });
        // Copies: the timeout cancels what it waits on, and that must not reach the attempt.
        return Uni.createFrom().completionStage(outcome.copy())
                .ifNoItem().after(config.sendTimeout()).recoverWithUni(() -> attempt.serverAnswered().get()
                        // Stuck on the database, not the server: the retries of markSent/release are logged as such.
                        ? Uni.createFrom().completionStage(outcome.copy())
                        : Uni.createFrom().failure(timedOut(attempt)));
    }

    private SendTimedOut timedOut(Attempt attempt) {
        LOG.warnf("The SMTP server has not accepted the %s email of booking %s within %s; the attempt goes on "
                + "and the delivery is retried once it ends", attempt.kind(), attempt.bookingId(), config.sendTimeout());
        countFailure(attempt);
        return new SendTimedOut(attempt.bookingId(), config.sendTimeout());
    }

    private void countFailure(Attempt attempt) {
        // Counted per failed attempt (the delivery is retried): EmailDeliveryFailures watches it.
        if (attempt.failureCounted().compareAndSet(false, true)) {
            sendFailures(attempt.kind()).increment();
        }
    }

    private Uni<DeliveryResult> send(Attempt attempt) {
        Notification notification = attempt.notification();
        Mail mail = Mail.withText(notification.recipient(), notification.subject(), notification.text())
                .addHeader(BOOKING_ID_HEADER, attempt.bookingId().toString());
        return mailer.send(mail, attempt.bookingId(), attempt.kind())
                .onTermination().invoke(() -> attempt.serverAnswered().set(true))
                // Only a failed send gives the claim back; once the server has the email, it stays claimed.
                .onFailure(failure -> !isPermanentRejection(failure))
                .call(failure -> releaseAfterFailedSend(attempt, failure))
                .onItem().transformToUni(sent -> markSent(attempt))
                .onFailure(NotificationService::isPermanentRejection)
                .recoverWithUni(failure -> reject(attempt, smtpRejection(failure)));
    }

    private Uni<Void> releaseAfterFailedSend(Attempt attempt, Throwable failure) {
        LOG.warnf("Sending the %s email of booking %s to %s failed: %s", attempt.kind(), attempt.bookingId(),
                attempt.maskedRecipient(), EmailAddressMask.describe(failure));
        countFailure(attempt);
        // Best effort: if the release fails too, the claim simply expires after its lease.
        return repository.release(attempt.bookingId(), attempt.claimId()).onFailure().recoverWithNull();
    }

    private Uni<DeliveryResult> markSent(Attempt attempt) {
        // Retried on its own: repeating the whole delivery here would send the email a second time.
        return retry.retrying(repository.markSent(attempt.bookingId(), attempt.claimId()),
                "Recording the email of booking " + attempt.bookingId() + " as sent").map(stillOurs -> {
                    if (!stillOurs) {
                        LOG.warnf("Sent the %s email of booking %s after its claim had expired; it may go out twice",
                                attempt.kind(), attempt.bookingId());
                    }
                    LOG.infof("Sent the %s email of booking %s to %s", attempt.kind(), attempt.bookingId(),
                            attempt.maskedRecipient());
                    return DeliveryResult.SENT;
                });
    }

    private Uni<DeliveryResult> reject(Attempt attempt, SMTPException rejection) {
        // The reply text may quote the address, so only its code is logged and kept.
        LOG.warnf("SMTP server refused the %s email of booking %s to %s for good (reply %d); not retrying",
                attempt.kind(), attempt.bookingId(), attempt.maskedRecipient(), rejection.getReplyCode());
        return retry.retrying(
                repository.markRejected(attempt.bookingId(), attempt.claimId(), rejection.getReplyCode()),
                "Recording the email of booking " + attempt.bookingId() + " as rejected")
                .replaceWith(DeliveryResult.REJECTED);
    }

    private static boolean isPermanentRejection(Throwable failure) {
        SMTPException rejection = smtpRejection(failure);
        return rejection != null && rejection.isPermanent();
    }

    private static SMTPException smtpRejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }
}
