package io.zingtickets.email.notification;

import java.util.UUID;

/**
 * Another sender holds a live claim on this booking's email. Transient: once that sender finishes the
 * email counts as sent, and if it died its claim expires and a retry takes over.
 */
public class ClaimHeldElsewhere extends RuntimeException {

    public ClaimHeldElsewhere(UUID bookingId) {
        super("Email of booking " + bookingId + " is being sent by another attempt", null, false, false);
    }
}
