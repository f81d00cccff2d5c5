package io.zingtickets.email.notification;

/** Which email a booking outcome calls for. */
public enum NotificationKind {
    CONFIRMATION,
    FAILURE_NOTICE
}
