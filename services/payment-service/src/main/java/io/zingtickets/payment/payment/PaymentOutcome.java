package io.zingtickets.payment.payment;

import java.time.Instant;

import io.zingtickets.payment.gateway.AuthorizationResult;

/** The final answer for a booking: a payment id when it was paid, the gateway's refusal when it was not. */
public record PaymentOutcome(AuthorizationResult result, String paymentId, Instant processedAt) {

    public static PaymentOutcome completed(String paymentId, Instant processedAt) {
        return new PaymentOutcome(AuthorizationResult.APPROVED, paymentId, processedAt);
    }

    public static PaymentOutcome failed(AuthorizationResult refusal, Instant processedAt) {
        return new PaymentOutcome(refusal, null, processedAt);
    }

    public boolean isCompleted() {
        return result.isApproved();
    }

    /** The {@code reason} of {@code payment.failed}; null when completed. */
    public String failureReason() {
        return result.failureReason();
    }
}
