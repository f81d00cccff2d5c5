package io.zingtickets.booking;

import static io.restassured.RestAssured.given;
import static io.zingtickets.booking.Bookings.book;
import static io.zingtickets.booking.Bookings.seatsLeft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zingtickets.infra.testing.KafkaTestClient;

/**
 * A payment.completed for a booking already FAILED, through the real broker and database: reinstated
 * when its seats are still free, reported for a refund when they were sold; never dropped.
 */
@QuarkusTest
class LatePaymentTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @Test
    void lateBookingWithItsSeatsStillFreeIsReinstatedOnce() {
        int before = seatsLeft(2);
        String id = book(2, 2).statusCode(201).extract().path("id");
        fail(id);
        assertThat(seatsLeft(2)).isEqualTo(before);
        double reinstated = late("reinstated");

        kafka.produce("payment.completed", id, completed(id));
        awaitStatus(id, "CONFIRMED");
        given().get("/bookings/" + id).then().body("failureReason", nullValue());
        assertThat(seatsLeft(2)).as("the seats are taken again").isEqualTo(before - 2);
        assertThat(late("reinstated")).isEqualTo(reinstated + 1);

        // A redelivery of the same payment is a duplicate, not a second reinstatement.
        kafka.produce("payment.completed", id, completed(id));
        String marker = book(2, 1).statusCode(201).extract().path("id");
        kafka.produce("payment.completed", marker, completed(marker));
        awaitStatus(marker, "CONFIRMED");
        assertThat(seatsLeft(2)).isEqualTo(before - 3);
        assertThat(late("reinstated")).isEqualTo(reinstated + 1);
    }

    @Test
    void latePaymentWhoseSeatsWereSoldStaysFailedAndIsReportedForARefund() {
        long event = oneSeatEvent();
        String id = book(event, 1).statusCode(201).extract().path("id");
        fail(id);
        book(event, 1).statusCode(201);
        assertThat(seatsLeft(event)).isZero();
        double unseated = late("unseated");

        kafka.produce("payment.completed", id, completed(id));
        await().atMost(WAIT).until(() -> late("unseated") == unseated + 1);
        given().get("/bookings/" + id).then().body("status", equalTo("FAILED"));
        assertThat(seatsLeft(event)).as("no seat is oversold").isZero();
    }

    private void fail(String id) {
        kafka.produce("payment.failed", id, "{\"bookingId\":\"" + id + "\",\"reason\":\"gateway_error\"}");
        awaitStatus(id, "FAILED");
    }

    private static String completed(String id) {
        return "{\"bookingId\":\"" + id + "\",\"paymentId\":\"pay_late\",\"cardLast4\":\"4242\"}";
    }

    private long oneSeatEvent() {
        long id = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
        pool.preparedQuery("INSERT INTO events (id, name, venue, starts_at, price_cents, currency, capacity, seats_left) "
                + "VALUES ($1, 'Last Seat', 'Test Hall', now() + interval '30 days', 1000, 'EUR', 1, 1)")
                .execute(Tuple.of(id)).await().atMost(WAIT);
        return id;
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/bookings/" + id).then().body("status", equalTo(status)));
    }

    private double late(String outcome) {
        return registry.get("zingtickets.late.payments").tag("outcome", outcome).counter().count();
    }
}
