package io.zingtickets.infra;

import java.util.List;

/** The topics of docs/contracts.md, created explicitly: the broker does not auto-create topics. */
public final class Topics {

    public record Topic(String name, int partitions) {
    }

    public static final List<Topic> ALL = List.of(
            new Topic("booking.requested", 3),
            new Topic("payment.completed", 3),
            new Topic("payment.failed", 3),
            new Topic("booking-service.dlq", 1),
            new Topic("payment-service.dlq", 1),
            new Topic("email-service.dlq", 1));

    private Topics() {
    }
}
