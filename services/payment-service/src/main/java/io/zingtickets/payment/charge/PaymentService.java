package io.zingtickets.payment.charge;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.zingmonitor.Observed;
import io.zingmonitor.TelemetryAttribute;
import io.zingtickets.payment.gateway.AuthorizationRequest;
import io.zingtickets.payment.gateway.AuthorizationResult;
import io.zingtickets.payment.gateway.CardGateway;
import io.zingtickets.payment.gateway.CardGatewayFailure;
import io.zingtickets.support.resilience.TransientFailureRetry;

/**
 * Charges a booking at most once, however often it is requested. The attempt is recorded before the
 * gateway is called; a repeated request gets the recorded outcome back instead of a new charge.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    private final PaymentRepository repository;
    private final CardGateway gateway;
    private final TransientFailureRetry retry;
    private final Clock clock = Clock.systemUTC();

    PaymentService(PaymentRepository repository, CardGateway gateway, TransientFailureRetry retry) {
        this.repository = repository;
        this.gateway = gateway;
        this.retry = retry;
    }

    /**
     * The reconciler's question about a booking it has waited too long for; see
     * {@link PaymentRepository#abandonUnlessClaimed(UUID)}.
     */
    public Uni<RecordedPayment> reconcile(UUID bookingId) {
        return repository.abandonUnlessClaimed(bookingId)
                .invoke(recorded -> {
                    if (recorded.status() == PaymentStatus.ABANDONED) {
                        LOG.infof("Booking %s abandoned at booking-service's request: it will never be charged", bookingId);
                    }
                });
    }

    @Observed("payment.pay")
    public Uni<PaymentOutcome> pay(@TelemetryAttribute("zingtickets.booking.id") UUID bookingId, Charge charge) {
        return retry.retrying(repository.claim(bookingId, charge), "Claiming payment of booking " + bookingId)
                .chain(claimed -> claimed ? authorizeAndRecord(bookingId, charge) : resume(bookingId, charge));
    }

    private Uni<PaymentOutcome> resume(UUID bookingId, Charge charge) {
        return retry.retrying(repository.findOutcome(bookingId), "Reading payment of booking " + bookingId)
                .chain(stored -> {
                    if (stored.isPresent() && stored.get().status() == PaymentStatus.ABANDONED) {
                        LOG.infof("Booking %s was given up by booking-service before any payment was claimed; refused, "
                                + "not charged", bookingId);
                        return Uni.createFrom().item(stored.get());
                    }
                    if (stored.isPresent()) {
                        LOG.infof("Booking %s was already processed; returning the recorded outcome", bookingId);
                        return Uni.createFrom().item(stored.get());
                    }
                    // The earlier attempt stopped between claim and answer (a crash or a rebalance). Asking
                    // again under the same idempotency key is how a real gateway avoids a double charge.
                    LOG.warnf("Booking %s has a pending payment from an interrupted attempt; authorizing again",
                            bookingId);
                    return authorizeAndRecord(bookingId, charge);
                });
    }

    private Uni<PaymentOutcome> authorizeAndRecord(UUID bookingId, Charge charge) {
        AuthorizationRequest authorization = new AuthorizationRequest(charge.amountCents(), charge.currency(),
                charge.cardToken(), charge.cardLast4());
        // The booking id is the idempotency key: one booking, at most one charge, even when asked twice.
        return gateway.authorize(bookingId.toString(), authorization)
                .invoke(result -> {
                    if (result == AuthorizationResult.GATEWAY_ERROR) {
                        LOG.errorf(new CardGatewayFailure(bookingId.toString()),
                                "Card gateway failed authorizing booking %s; the payment fails with gateway_error", bookingId);
                    }
                })
                .map(this::toOutcome)
                .chain(outcome -> retry.retrying(repository.recordOutcome(bookingId, outcome),
                        "Recording payment of booking " + bookingId));
    }

    private PaymentOutcome toOutcome(AuthorizationResult result) {
        // Millisecond precision survives the round trip through PostgreSQL, so a republished outcome
        // carries exactly the processedAt of the first one.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return result.isApproved()
                ? PaymentOutcome.completed(newPaymentId(), now)
                : PaymentOutcome.failed(result, now);
    }

    /** Our own reference for an authorized payment, as published in {@code payment.completed}. */
    private static String newPaymentId() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "");
    }
}
