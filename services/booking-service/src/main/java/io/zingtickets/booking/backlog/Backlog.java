package io.zingtickets.booking.backlog;

/**
 * Unfinished work at one moment: bookings waiting for their payment outcome and events waiting in
 * the outbox. Ages are in seconds, 0 when nothing waits.
 */
public record Backlog(long pendingBookings, double oldestPendingAgeSeconds, long outboxRows, double oldestOutboxAgeSeconds) {

    static final Backlog EMPTY = new Backlog(0, 0, 0, 0);
}
