package io.zingtickets.email.notification;

import java.time.Instant;
import java.util.UUID;

/** What {@code sent_emails} knows about a booking's email. No address: the table holds no personal data. */
public record SentEmail(UUID bookingId, NotificationKind kind, EmailStatus status, int attempts, Instant claimedAt,
        Instant sentAt) {
}
