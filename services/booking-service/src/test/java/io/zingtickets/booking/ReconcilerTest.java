package io.zingtickets.booking;

import static io.restassured.RestAssured.given;
import static io.zingtickets.booking.Bookings.book;
import static io.zingtickets.booking.Bookings.seatsLeft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Bookings PENDING past the deadline are settled from what payment-service recorded, against the real
 * database and broker: paid ones confirmed, refused ones failed, unclaimed ones failed with their seats
 * released, in-progress ones left alone; each counted by outcome.
 */
@QuarkusTest
@TestProfile(ReconcilerTest.ShortDeadline.class)
class ReconcilerTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zingtickets.reconciler.enabled", "true",
                    "zingtickets.reconciler.deadline", "3s",
                    "zingtickets.reconciler.interval", "300ms",
                    "zingtickets.reconciler.payment-service-url", PaymentRecordsStandIn.start());
        }
    }

    static final Duration WAIT = Duration.ofSeconds(30);
    static final long EVENT = 2;

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    /** Bookings other test classes left PENDING are reconciled too (their seats come back): let that finish first. */
    @BeforeEach
    void nothingElsePending() {
        await().atMost(WAIT).until(() -> pool.query("SELECT count(*) AS n FROM bookings WHERE status = 'PENDING'").execute()
                .await().atMost(WAIT).iterator().next().getLong("n") == 0);
    }

    @Test
    void unclaimedBookingIsFailedAndItsSeatsReleasedOnlyAfterTheDeadline() {
        int seatsBefore = seatsLeft(EVENT);
        UUID id = bookPending(3);
        assertThat(seatsLeft(EVENT)).isEqualTo(seatsBefore - 3);
        double abandonedBefore = reconciled("abandoned");

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(PaymentRecordsStandIn.asked(id)).as("asked before its deadline").isFalse());
        awaitStatus(id, "FAILED");
        given().get("/bookings/" + id).then().body("failureReason", equalTo("abandoned"));
        assertThat(seatsLeft(EVENT)).as("seats released").isEqualTo(seatsBefore);
        assertThat(reconciled("abandoned")).isEqualTo(abandonedBefore + 1);
    }

    @Test
    void paidBookingIsConfirmed() {
        UUID id = bookPending(1);
        PaymentRecordsStandIn.answer(id, "COMPLETED");
        double before = reconciled("confirmed");
        awaitStatus(id, "CONFIRMED");
        assertThat(reconciled("confirmed")).isEqualTo(before + 1);
    }

    @Test
    void refusedBookingIsFailedWithTheRecordedReason() {
        int seatsBefore = seatsLeft(EVENT);
        UUID id = bookPending(2);
        PaymentRecordsStandIn.answer(id, "FAILED");
        awaitStatus(id, "FAILED");
        given().get("/bookings/" + id).then().body("failureReason", equalTo("card_declined"));
        assertThat(seatsLeft(EVENT)).isEqualTo(seatsBefore);
    }

    @Test
    void bookingWhosePaymentIsInProgressStaysPending() {
        UUID id = bookPending(1);
        PaymentRecordsStandIn.answer(id, "PENDING");
        double before = reconciled("payment_in_progress");
        await().atMost(WAIT).until(() -> PaymentRecordsStandIn.asked(id) && reconciled("payment_in_progress") > before);
        given().get("/bookings/" + id).then().body("status", equalTo("PENDING"));
        PaymentRecordsStandIn.answer(id, "COMPLETED");
        awaitStatus(id, "CONFIRMED");
    }

    /** The booking is real (reserved, in the outbox); only payment-service is absent, so it stays PENDING. */
    private UUID bookPending(int seats) {
        return UUID.fromString(book(EVENT, seats).statusCode(201).extract().path("id"));
    }

    private static void awaitStatus(UUID id, String status) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/bookings/" + id).then().body("status", equalTo(status)));
    }

    private double reconciled(String outcome) {
        return registry.get("zingtickets.reconciler.bookings").tag("outcome", outcome).counter().count();
    }
}
