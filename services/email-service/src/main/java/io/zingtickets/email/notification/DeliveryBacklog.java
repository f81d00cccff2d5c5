package io.zingtickets.email.notification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The payment outcomes this instance has taken up and not yet finished emailing, for the age of the
 * oldest. A failing or hung SMTP server is counted in {@code zingtickets_email_send_failures_total}, but a
 * stalled database or a retry loop is not: an outcome still waiting is what the buyer notices, whatever
 * the cause, so EmailDeliveryStalled watches this.
 *
 * <p>Ages are taken from this instance's monotonic clock, from when it started on the outcome: outcomes
 * not yet consumed at all are KafkaConsumerLag's to see.
 */
// Created at start, not on first use: the gauge must be scraped (at zero) before anything happens.
@Startup
@ApplicationScoped
public class DeliveryBacklog {

    private final Map<Object, Long> startedNanos = new ConcurrentHashMap<>();

    DeliveryBacklog(MeterRegistry registry) {
        Gauge.builder("zingtickets.email.pending.oldest.age", this, DeliveryBacklog::oldestAgeSeconds)
                .description("Age of the oldest payment outcome taken up but not yet emailed (sent, refused "
                        + "for good or dead-lettered)")
                .baseUnit("seconds").register(registry);
    }

    /** Lazy like {@code delivery}: each subscription waits in the backlog until it ends, however it ends. */
    public <T> Uni<T> tracking(Uni<T> delivery) {
        return Uni.createFrom().deferred(() -> {
            Object entry = new Object();
            startedNanos.put(entry, System.nanoTime());
            return delivery.onTermination().invoke(() -> startedNanos.remove(entry));
        });
    }

    double oldestAgeSeconds() {
        long now = System.nanoTime();
        // Compared as differences from now: nanoTime values may wrap, their differences do not.
        return startedNanos.values().stream().mapToLong(started -> now - started).max().orElse(0) / 1e9;
    }
}
