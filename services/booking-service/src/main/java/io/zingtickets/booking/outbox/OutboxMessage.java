package io.zingtickets.booking.outbox;

/**
 * One record to publish, as the outbox keeps it until the broker acknowledged it.
 *
 * @param traceparent W3C trace context of the request that wrote it, or null when nothing was traced
 */
public record OutboxMessage(String topic, String key, String payload, String traceparent) {
}
