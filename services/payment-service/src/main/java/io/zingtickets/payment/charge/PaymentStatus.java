package io.zingtickets.payment.charge;

/**
 * Life of a row in {@code payments}. PENDING is claimed but not yet answered by the gateway; ABANDONED
 * was never claimed: booking-service gave the booking up, and it may never be charged.
 */
public enum PaymentStatus {
    PENDING,
    COMPLETED,
    FAILED,
    ABANDONED
}
