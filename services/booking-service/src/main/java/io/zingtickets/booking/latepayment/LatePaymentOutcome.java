package io.zingtickets.booking.latepayment;

import java.util.Locale;

/** What became of a payment that completed for a booking already FAILED. */
public enum LatePaymentOutcome {
    /** The seats were still there: taken again and the booking CONFIRMED, as the buyer paid for it. */
    REINSTATED,
    /** The seats were sold meanwhile: the booking stays FAILED and the payment must be refunded by a person. */
    UNSEATED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
