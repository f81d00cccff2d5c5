package io.zingtickets.email.notification;

/** State of a booking's row in {@code sent_emails}. */
public enum EmailStatus {
    /** Claimed by a sender that has not finished yet (or died trying: see {@link EmailConfig#claimLease()}). */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** Refused for good by the SMTP server (unknown mailbox...): retrying would not help. */
    REJECTED
}
