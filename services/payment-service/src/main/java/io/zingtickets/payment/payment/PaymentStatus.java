package io.zingtickets.payment.payment;

/** Life of a row in {@code payments}. PENDING is claimed but not yet answered by the gateway. */
enum PaymentStatus {
    PENDING,
    COMPLETED,
    FAILED
}
