package io.zingtickets.infra;

import java.util.List;

/**
 * The topics of docs/contracts.md, created explicitly: the broker does not auto-create topics. The
 * pipeline topics have 12 partitions: each consumer runs several Kafka consumers at once (the
 * channels' {@code concurrency}), one partition is handled by one of them at a time, so records of one
 * booking (one key, one partition) stay in order while other partitions progress, and 12 leaves room
 * for three replicas of four.
 */
public final class Topics {

    public record Topic(String name, int partitions) {
    }

    public static final List<Topic> ALL = List.of(
            new Topic("booking.requested", 12),
            new Topic("payment.completed", 12),
            new Topic("payment.failed", 12),
            new Topic("booking-service.dlq", 1),
            new Topic("payment-service.dlq", 1),
            new Topic("email-service.dlq", 1));

    private Topics() {
    }
}
