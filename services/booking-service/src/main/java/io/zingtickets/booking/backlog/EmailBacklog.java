package io.zingtickets.booking.backlog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Counts, on a timer, the payment outcomes email-service has not yet processed: the lag of its consumer
 * group on the outcome topics, read with Kafka's admin client (the committed offsets, which email-service
 * commits only below its oldest unfinished record). The admin calls are asynchronous, so neither the
 * timer nor a request ever waits on the broker.
 */
@ApplicationScoped
public class EmailBacklog {

    private static final Logger LOG = Logger.getLogger(EmailBacklog.class);

    private final BacklogConfig config;
    private final Vertx vertx;
    private final String bootstrapServers;
    /** One count at a time: a slow broker must not pile up admin calls. */
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile long lastCount;
    private volatile long countedAtNanos = Long.MIN_VALUE;
    private volatile boolean lastCountFailed;
    private Admin admin;
    private long timerId = -1;

    EmailBacklog(BacklogConfig config, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.vertx = vertx;
        this.bootstrapServers = bootstrapServers;
        Gauge.builder("zingtickets.bookings.unemailed", this, b -> {
            OptionalLong count = b.unemailed();
            return count.isPresent() ? count.getAsLong() : Double.NaN;
        })
                .description("Payment outcomes email-service has not yet processed (its consumer group's lag); "
                        + "absent while Kafka does not answer")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.email().groupId().isEmpty() || !config.admission().enabled()) {
            return;
        }
        // A count that cannot finish before it would be stale is given up.
        int timeoutMillis = (int) config.email().maxStaleness().toMillis();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "booking-service-email-backlog",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis));
        timerId = vertx.setPeriodic(config.refreshInterval().toMillis(), id -> count());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** The last count, if it is recent enough to act on; empty when not watched or Kafka does not answer. */
    public OptionalLong unemailed() {
        if (countedAtNanos == Long.MIN_VALUE
                || System.nanoTime() - countedAtNanos > config.email().maxStaleness().toNanos()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(lastCount);
    }

    private void count() {
        if (!counting.compareAndSet(false, true)) {
            return;
        }
        admin.listConsumerGroupOffsets(config.email().groupId().orElseThrow()).partitionsToOffsetAndMetadata()
                .whenComplete((committed, failure) -> {
                    if (failure != null) {
                        failed(failure);
                        return;
                    }
                    Map<TopicPartition, OffsetAndMetadata> watched = new HashMap<>();
                    committed.forEach((partition, offset) -> {
                        // A partition the group never committed on has no position to measure from.
                        if (offset != null && config.email().topics().contains(partition.topic())) {
                            watched.put(partition, offset);
                        }
                    });
                    if (watched.isEmpty()) {
                        counted(0);
                        return;
                    }
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    watched.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                    admin.listOffsets(latest).all().whenComplete((ends, endsFailure) -> {
                        if (endsFailure != null) {
                            failed(endsFailure);
                            return;
                        }
                        long lag = 0;
                        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                            lag += Math.max(0, end.getValue().offset() - watched.get(end.getKey()).offset());
                        }
                        counted(lag);
                    });
                });
    }

    private void counted(long lag) {
        lastCount = lag;
        countedAtNanos = System.nanoTime();
        lastCountFailed = false;
        counting.set(false);
    }

    private void failed(Throwable failure) {
        // Once per outage, not twice a second.
        if (!lastCountFailed) {
            LOG.warnf("Email backlog not counted, admission control goes by the pending bookings alone: %s", failure.toString());
        }
        lastCountFailed = true;
        counting.set(false);
    }
}
