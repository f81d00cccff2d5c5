package io.zingtickets.payment;

import static io.restassured.RestAssured.given;
import static io.zingtickets.payment.BookingEvents.GOOD_CARD;
import static io.zingtickets.payment.BookingEvents.bookingRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;
import io.zingtickets.infra.testing.KafkaTestClient;

/**
 * The reconciliation endpoint on the management port, against the real database and broker: it reports
 * the payment on record, and a booking it finds unclaimed is abandoned for good, so the
 * {@code booking.requested} that arrives later is refused with {@code payment.failed} and never charged.
 */
@QuarkusTest
class ReconciliationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @Test
    void unclaimedBookingIsAbandonedAndItsLateRequestIsRefusedWithoutACharge() throws Exception {
        UUID bookingId = UUID.randomUUID();
        reconcile(bookingId.toString()).statusCode(200).body("status", equalTo("ABANDONED"));
        long authorizationsBefore = authorizations();

        kafka.produce("booking.requested", bookingId.toString(), bookingRequested(bookingId, GOOD_CARD));

        JsonNode failed = JSON.readTree(kafka.awaitRecord("payment.failed", keyed(bookingId), PATIENCE).value());
        assertThat(failed.get("reason").asText()).isEqualTo("abandoned");
        assertThat(failed.get("buyerEmail").asText()).as("email-service needs the buyer to tell").isEqualTo("ada@example.com");
        assertThat(kafka.recordsWithin("payment.completed", keyed(bookingId), Duration.ofSeconds(1))).isEmpty();
        assertThat(authorizations()).as("gateway calls for an abandoned booking").isEqualTo(authorizationsBefore);
        assertThat(paymentStatus(bookingId)).isEqualTo("ABANDONED");
        reconcile(bookingId.toString()).statusCode(200).body("status", equalTo("ABANDONED"));
    }

    @Test
    void paidBookingIsReportedPaidAndStaysPaid() throws Exception {
        UUID bookingId = UUID.randomUUID();
        kafka.produce("booking.requested", bookingId.toString(), bookingRequested(bookingId, GOOD_CARD));
        JsonNode completed = JSON.readTree(kafka.awaitRecord("payment.completed", keyed(bookingId), PATIENCE).value());

        reconcile(bookingId.toString()).statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("paymentId", equalTo(completed.get("paymentId").asText()));
        assertThat(paymentStatus(bookingId)).isEqualTo("COMPLETED");
    }

    @Test
    void paymentInProgressIsReportedPendingAndNotAbandoned() {
        UUID bookingId = UUID.randomUUID();
        // A claim whose gateway call has not answered yet (or whose process died): the redelivery will finish it.
        pool.preparedQuery("INSERT INTO payments (booking_id, status, amount_cents, currency, card_last4) "
                + "VALUES ($1, 'PENDING', 9000, 'EUR', '4242')").execute(Tuple.of(bookingId)).await().atMost(PATIENCE);

        reconcile(bookingId.toString()).statusCode(200).body("status", equalTo("PENDING"));
        assertThat(paymentStatus(bookingId)).isEqualTo("PENDING");
    }

    @Test
    void malformedBookingIdIsAProblemNamingTheField() {
        reconcile("not-a-uuid").statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("bookingId"))
                .body("type", startsWith("urn:problem-type:"));
    }

    @Test
    void theEndpointIsNotOnThePublicPort() {
        given().post("/internal/payments/" + UUID.randomUUID() + "/reconciliation").then().statusCode(404);
    }

    private static ValidatableResponse reconcile(String bookingId) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return given().port(port).post("/internal/payments/" + bookingId + "/reconciliation").then();
    }

    private static Predicate<ConsumerRecord<String, String>> keyed(UUID bookingId) {
        return record -> bookingId.toString().equals(record.key());
    }

    private long authorizations() {
        return registry.find(MeterCatalogue.OPERATION_DURATION.micrometerName()).tag("operation", "payment.gateway.authorize").timers()
                .stream().mapToLong(Timer::count).sum();
    }

    private String paymentStatus(UUID bookingId) {
        return pool.preparedQuery("SELECT status FROM payments WHERE booking_id = $1").execute(Tuple.of(bookingId))
                .await().atMost(PATIENCE).iterator().next().getString(0);
    }
}
