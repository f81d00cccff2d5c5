package io.zingtickets.email.notification;

import io.zingmonitor.Sensitive;

/** One email to send about a booking, already written. */
public record Notification(NotificationKind kind, @Sensitive String recipient, String subject, String text) {
}
