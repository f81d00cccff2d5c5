package io.zingtickets.booking.reservation;

/** What a payment outcome did to a booking: the outcome tag of the {@code booking.settle} operation. */
public enum SettlementResult {
    CONFIRMED,
    FAILED,
    /** Already settled: a redelivered outcome. */
    DUPLICATE,
    /** Paid after it had FAILED, and its seats were still free: CONFIRMED after all (the late-payment rule). */
    REINSTATED,
    /** Paid after it had FAILED, and its seats were sold meanwhile: stays FAILED, the charge is to be refunded. */
    PAID_WITHOUT_SEATS
}
