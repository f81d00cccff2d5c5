package io.zingtickets.booking.booking;

/** What a payment outcome did to a booking: the outcome tag of the {@code booking.settle} operation. */
public enum SettlementResult {
    CONFIRMED,
    FAILED,
    /** Already settled: a redelivered outcome. */
    DUPLICATE
}
