package io.zingtickets.payment.gateway;

/**
 * The gateway's answer to one authorization. An enum, so that it is also the outcome tag of the
 * {@code payment.gateway.authorize} operation's timer and span.
 */
public enum AuthorizationResult {
    APPROVED(null),
    CARD_DECLINED("card_declined"),
    GATEWAY_ERROR("gateway_error");

    private final String failureReason;

    AuthorizationResult(String failureReason) {
        this.failureReason = failureReason;
    }

    public boolean isApproved() {
        return this == APPROVED;
    }

    /** The {@code reason} published in {@code payment.failed}; null when approved. */
    public String failureReason() {
        return failureReason;
    }

    public static AuthorizationResult fromFailureReason(String reason) {
        for (AuthorizationResult result : values()) {
            if (reason.equals(result.failureReason)) {
                return result;
            }
        }
        throw new IllegalArgumentException("Unknown failure reason " + reason);
    }
}
