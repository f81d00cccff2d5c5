package io.zingtickets.booking.reservation;

public enum BookingStatus {
    /** Seats reserved, payment under way. */
    PENDING,
    /** Paid; the seats are the buyer's. */
    CONFIRMED,
    /** Payment failed or could not be requested; the seats went back on sale. */
    FAILED
}
