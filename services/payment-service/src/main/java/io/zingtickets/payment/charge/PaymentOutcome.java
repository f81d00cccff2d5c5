package io.zingtickets.payment.charge;

import java.time.Instant;

import io.zingtickets.payment.gateway.AuthorizationResult;

/**
 * The final answer for a booking: a payment id when it was paid, the gateway's refusal when it was not,
 * or "abandoned" when booking-service gave the booking up before any payment was claimed.
 */
public record PaymentOutcome(PaymentStatus status, String paymentId, String failureReason, Instant processedAt) {

    /** The {@code reason} of {@code payment.failed} for a booking refused because it was abandoned. */
    public static final String ABANDONED_REASON = "abandoned";

    public static PaymentOutcome completed(String paymentId, Instant processedAt) {
        return new PaymentOutcome(PaymentStatus.COMPLETED, paymentId, null, processedAt);
    }

    public static PaymentOutcome failed(AuthorizationResult refusal, Instant processedAt) {
        return new PaymentOutcome(PaymentStatus.FAILED, null, refusal.failureReason(), processedAt);
    }

    public static PaymentOutcome abandoned(Instant processedAt) {
        return new PaymentOutcome(PaymentStatus.ABANDONED, null, ABANDONED_REASON, processedAt);
    }

    public boolean isCompleted() {
        return status == PaymentStatus.COMPLETED;
    }
}
