package io.zingtickets.email.notification;

import java.time.Duration;
import java.util.UUID;

/**
 * The SMTP server did not finish taking a booking's email within {@code zingtickets.email.send-timeout}.
 * Transient: the attempt itself goes on and holds the claim, so the retry that follows waits for it
 * (sending nothing) until it is sent or has failed for real.
 */
public class SendTimedOut extends RuntimeException {

    public SendTimedOut(UUID bookingId, Duration timeout) {
        super("Email of booking " + bookingId + " not accepted by the SMTP server within " + timeout, null, false,
                false);
    }
}
