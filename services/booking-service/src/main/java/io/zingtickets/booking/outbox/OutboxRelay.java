package io.zingtickets.booking.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows to Kafka and deletes each row once the broker acknowledged it (acks=all,
 * idempotent producer). Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas
 * share the table without publishing a row twice while both are alive; a relay that dies before
 * deleting leaves its rows to the next round, which publishes them again (at least once, never lost).
 * <p>
 * One round runs at a time: wake-ups during a round coalesce into the next one, which is how rows
 * written under load are published in batches without a timer's delay.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final Counter publishFailures;
    private final AtomicBoolean roundRunning = new AtomicBoolean();
    private final AtomicBoolean rowsWaiting = new AtomicBoolean();
    private volatile boolean enabled;
    private long timerId = -1;

    OutboxRelay(Pool pool, @Channel("booking-requested") MutinyEmitter<String> emitter, OutboxConfig config, Vertx vertx,
            MeterRegistry registry) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
        this.enabled = config.relayEnabled();
        this.publishFailures = Counter.builder("zingtickets.outbox.publish.failures")
                .description("Outbox rows whose publish to Kafka failed (they stay in the outbox and are retried)")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        enabled = false;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Starts a round now, or right after the running one. */
    public void wake() {
        if (!enabled) {
            return;
        }
        rowsWaiting.set(true);
        if (roundRunning.compareAndSet(false, true)) {
            round();
        }
    }

    /** Stops relaying (rows stay in the table) until {@link #resume()}; for tests that play a dead relay. */
    public void pause() {
        enabled = false;
    }

    public void resume() {
        enabled = true;
        wake();
    }

    private void round() {
        rowsWaiting.set(false);
        publishBatch().subscribe().with(published -> {
            if (enabled && (published == config.batchSize() || rowsWaiting.get())) {
                round();
                return;
            }
            roundRunning.set(false);
            // A wake-up that came after the check above found the round still running: serve it.
            if (enabled && rowsWaiting.get() && roundRunning.compareAndSet(false, true)) {
                round();
            }
        }, failure -> {
            LOG.warnf(failure, "Outbox relay round failed; retried at the next poll");
            roundRunning.set(false);
        });
    }

    /** Publishes one batch and deletes what the broker acknowledged; the number of rows claimed. */
    private Uni<Integer> publishBatch() {
        return pool.withTransaction(transaction -> transaction
                .preparedQuery("SELECT id, topic, message_key, payload, traceparent FROM outbox ORDER BY id LIMIT $1 "
                        + "FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    List<Uni<Long>> sends = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        sends.add(publish(row));
                    }
                    if (sends.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join().all(sends).andCollectFailures()
                            .flatMap(ids -> deleteAcknowledged(transaction, ids))
                            .replaceWith(rows.size());
                }));
    }

    /** The row's id once the broker acknowledged it, or null when the publish failed (the row stays). */
    private Uni<Long> publish(Row row) {
        long id = row.getLong("id");
        Message<String> message = Message.of(row.getString("payload"))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.getString("topic"))
                        .withKey(row.getString("message_key"))
                        .build());
        String traceparent = row.getString("traceparent");
        if (traceparent != null) {
            Context parent = W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), Map.of("traceparent", traceparent), MAP_GETTER);
            message = message.addMetadata(TracingMetadata.withCurrent(parent));
        }
        return emitter.sendMessage(message)
                .replaceWith(id)
                .onFailure().recoverWithItem(failure -> {
                    publishFailures.increment();
                    LOG.warnf("Outbox row %d not published (%s); retried at the next round", id, failure.toString());
                    return null;
                });
    }

    private static Uni<Void> deleteAcknowledged(SqlConnection transaction, List<Long> ids) {
        Long[] acknowledged = ids.stream().filter(Objects::nonNull).toArray(Long[]::new);
        if (acknowledged.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)").execute(Tuple.of(acknowledged))
                .replaceWithVoid();
    }
}
