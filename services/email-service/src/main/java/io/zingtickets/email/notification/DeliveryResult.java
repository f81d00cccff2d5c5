package io.zingtickets.email.notification;

/** What became of one request to send a booking's email. */
public enum DeliveryResult {
    SENT,
    /** Already sent or refused earlier: a redelivered event, nothing was sent this time. */
    ALREADY_HANDLED,
    /** The SMTP server refused it for good. */
    REJECTED
}
