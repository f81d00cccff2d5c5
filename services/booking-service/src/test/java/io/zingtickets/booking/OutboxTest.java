package io.zingtickets.booking;

import static io.restassured.RestAssured.given;
import static io.zingtickets.booking.Bookings.book;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zingtickets.booking.outbox.OutboxRelay;
import io.zingtickets.infra.testing.KafkaTestClient;

/**
 * The booking and its {@code booking.requested} are one transaction: the API answers without the
 * broker, and an event whose publisher died before publishing is published by the next relay.
 */
@QuarkusTest
class OutboxTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @AfterEach
    void relayRuns() {
        relay.resume();
    }

    @Test
    void bookingIsAnsweredFromTheCommitAndPublishedWhenTheRelayRuns() {
        relay.pause();
        long started = System.nanoTime();
        String id = book(1, 1).statusCode(201).body("status", equalTo("PENDING")).extract().path("id");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the answer waits for no broker").isLessThan(Duration.ofSeconds(2));
        assertThat(outboxRowsFor(id)).as("the event is committed with the booking").isEqualTo(1);
        assertThat(kafka.recordsWithin("booking.requested", r -> id.equals(r.key()), Duration.ofSeconds(2)))
                .as("nothing is published while the relay is down").isEmpty();

        relay.resume();
        kafka.awaitRecord("booking.requested", r -> id.equals(r.key()), WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(outboxRowsFor(id)).as("acknowledged rows are deleted").isZero());
    }

    /**
     * What a process killed between commit and publish leaves behind: a PENDING booking and its
     * outbox row, written by a transaction of its own. The running relay publishes it.
     */
    @Test
    void rowsLeftByAKilledProcessArePublished() {
        String id = UUID.randomUUID().toString();
        String payload = """
                {"bookingId":"%s","eventId":1,"seats":1,"amountCents":4500,"currency":"EUR","buyerEmail":"ada@example.com",\
                "cardToken":"tok_left_behind","cardLast4":"4242","requestedAt":"2026-01-01T00:00:00Z"}""".formatted(id);
        pool.withTransaction(tx -> tx.preparedQuery("UPDATE events SET seats_left = seats_left - 1 WHERE id = 1").execute()
                .chain(() -> tx.preparedQuery("INSERT INTO bookings (id, event_id, seats, status, amount_cents, currency, "
                        + "buyer_email, card_token, card_last4) VALUES ($1, 1, 1, 'PENDING', 4500, 'EUR', 'ada@example.com', "
                        + "'tok_left_behind', '4242')").execute(Tuple.of(UUID.fromString(id))))
                .chain(() -> tx.preparedQuery("INSERT INTO outbox (topic, message_key, payload) VALUES ('booking.requested', $1, $2)")
                        .execute(Tuple.of(id, payload))))
                .await().atMost(WAIT);

        var record = kafka.awaitRecord("booking.requested", r -> id.equals(r.key()), WAIT);
        assertThat(record.value()).isEqualTo(payload);
        await().atMost(WAIT).untilAsserted(() -> assertThat(outboxRowsFor(id)).isZero());
        given().get("/bookings/" + id).then().statusCode(200).body("status", equalTo("PENDING"));
    }

    private long outboxRowsFor(String id) {
        return pool.preparedQuery("SELECT count(*) AS n FROM outbox WHERE message_key = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next().getLong("n");
    }
}
