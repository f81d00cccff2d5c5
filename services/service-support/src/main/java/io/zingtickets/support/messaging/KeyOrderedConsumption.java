package io.zingtickets.support.messaging;

import java.util.concurrent.Flow;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.zingmonitor.runtime.context.ClientIdentity;
import io.zingmonitor.runtime.messaging.ClientIdPropagation;
import io.smallrye.reactive.messaging.providers.locals.LocalContextMetadata;

/**
 * Processes a Kafka channel's records concurrently across keys and in order within a key.
 *
 * <p>A consumer polls records of several partitions; this spreads them over {@link KeyOrderedConfig#lanes()}
 * lanes by the hash of their key (a booking id, so one booking's records share a lane), processes each
 * lane's records one after the other and the lanes side by side. Each record is acked when its own work is
 * done, or nacked (so the channel's failure strategy dead-letters it) when the work fails. Out-of-order acks
 * are safe with {@code commit-strategy=throttled}: it commits a partition only below its lowest record not
 * yet acked, so after a crash or a rebalance every unfinished record is delivered again (the work must be
 * idempotent, as every consumer here is), and none is skipped.
 *
 * <p>Each record's work runs on the record's own Vert.x context with the record's consumer span current, as
 * SmallRye runs an {@code @Incoming} method: the span stays current across the work's asynchronous steps,
 * so trace context and logs follow the record, and the channel's meters time each record until its ack.
 */
@ApplicationScoped
public class KeyOrderedConsumption {

    private static final Logger LOG = Logger.getLogger(KeyOrderedConsumption.class);

    private final KeyOrderedConfig config;

    KeyOrderedConsumption(KeyOrderedConfig config) {
        this.config = config;
    }

    /**
     * The subscriber an {@code @Incoming} method with {@code @Acknowledgment(MANUAL)} returns: called once
     * per consumer of the channel, it builds that consumer's pipeline around {@code work}.
     */
    public <T> Flow.Subscriber<Message<T>> inKeyOrder(Function<Message<T>, Uni<Void>> work) {
        int lanes = config.lanes();
        SubscriberBridge<Message<T>> bridge = new SubscriberBridge<>();
        Multi.createFrom().publisher(bridge)
                // Records wait here, at most `buffer` of them, while their lane is busy.
                .group().by(message -> lane(message, lanes), config.buffer())
                .onItem().transformToMulti(lane -> lane.onItem().transformToUniAndConcatenate(
                        message -> processAndAcknowledge(message, work)))
                // Every lane is subscribed at once: with fewer, a record of an unsubscribed lane would block the rest.
                .merge(lanes)
                .subscribe().with(done -> {
                }, failure -> LOG.errorf(failure, "A consumer stopped: a record could be neither processed nor "
                        + "rejected; its partitions are redelivered from the last committed offset after a restart"));
        return bridge;
    }

    private static <T> Uni<Void> processAndAcknowledge(Message<T> message, Function<Message<T>, Uni<Void>> work) {
        return LocalContextMetadata.<Void> invokeOnMessageContext(message, (Message<?> onContext, UniEmitter<? super Void> emitter) -> {
            // The record's consumer span, current on its own context for as long as its work runs: the
            // connector leaves it in the record's metadata, and records of other lanes interleave here.
            Scope trace = message.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext)
                    .map(Context::makeCurrent).orElse(Scope.noop());
            logClientId();
            Uni<Void> processing;
            try {
                processing = work.apply(message);
            } catch (RuntimeException failure) {
                processing = Uni.createFrom().failure(failure);
            }
            processing.onTermination().invoke(trace::close).subscribe().with(emitter::complete, emitter::fail);
        })
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom()
                        .completionStage(failure == null ? message.ack() : message.nack(failure)));
    }

    /**
     * What ZingMonitor's message log context does around an {@code @Incoming} method that takes one record,
     * here per record: the client id of the request behind it, from the baggage of its trace, on every log
     * line of its work (the record's own Vert.x context holds the log context).
     */
    private static void logClientId() {
        String clientId = Baggage.current().getEntryValue(ClientIdPropagation.KEY);
        if (clientId != null && MDC.get(ClientIdentity.MDC_KEY) == null) {
            MDC.put(ClientIdentity.MDC_KEY, clientId);
        }
    }

    /** A record without a key keeps the order of its partition instead. */
    static int lane(Message<?> message, int lanes) {
        Object orderingKey = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(record -> record.getKey() != null ? record.getKey() : "partition-" + record.getPartition())
                .orElse("");
        return Math.floorMod(orderingKey.hashCode(), lanes);
    }
}
