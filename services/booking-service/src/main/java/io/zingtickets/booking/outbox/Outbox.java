package io.zingtickets.booking.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists exactly
 * when the state change it announces was committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRelay relay;

    Outbox(OutboxRelay relay) {
        this.relay = relay;
    }

    public Uni<Void> append(SqlConnection transaction, OutboxMessage message) {
        return transaction.preparedQuery("INSERT INTO outbox (topic, message_key, payload, traceparent) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(message.topic(), message.key(), message.payload(), message.traceparent()))
                .replaceWithVoid();
    }

    /** Called once the transaction that appended committed: publishes now instead of at the next poll. */
    public void committed() {
        relay.wake();
    }
}
