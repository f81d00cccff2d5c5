package io.zingtickets.booking.reconcile;

import java.util.Locale;

/** What one reconciliation did to an overdue booking: the {@code outcome} tag of the reconciler's counter. */
public enum ReconciliationOutcome {
    /** payment-service had charged it: the lost payment.completed is made good. */
    CONFIRMED(true),
    /** payment-service had refused it: the lost payment.failed is made good, seats released. */
    FAILED(true),
    /** No payment was ever claimed: failed, seats released, and payment-service will never charge it. */
    ABANDONED(true),
    /** A payment is being made right now: left for its outcome event or the next round. */
    PAYMENT_IN_PROGRESS(false),
    /** Its outcome event settled it between the query and the answer. */
    ALREADY_SETTLED(false),
    /** payment-service did not answer: left for the next round. */
    UNANSWERED(false);

    private final boolean acted;

    ReconciliationOutcome(boolean acted) {
        this.acted = acted;
    }

    /** Whether the reconciler settled the booking itself, which a healthy pipeline almost never needs. */
    public boolean acted() {
        return acted;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
