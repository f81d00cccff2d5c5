package io.zingtickets.payment;

import static io.restassured.RestAssured.given;
import static io.zingtickets.payment.BookingEvents.DECLINED_CARD;
import static io.zingtickets.payment.BookingEvents.GOOD_CARD;
import static io.zingtickets.payment.BookingEvents.bookingRequested;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;
import io.zingtickets.infra.OperatorCredential;
import io.zingtickets.infra.testing.KafkaTestClient;

/** booking.requested in, payment.completed / payment.failed out, through a real broker and database. */
@QuarkusTest
class PaymentFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Long enough for a wrong second outcome to show up once the right one is there. */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @AfterEach
    void restoreGateway() {
        setGateway(5, 0, 0.0);
    }

    @Test
    void goodCardIsPaid() throws Exception {
        UUID bookingId = UUID.randomUUID();

        kafka.produce("booking.requested", bookingId.toString(), bookingRequested(bookingId, GOOD_CARD));

        JsonNode completed = awaitOutcome("payment.completed", bookingId);
        assertThat(completed.get("bookingId").asText()).isEqualTo(bookingId.toString());
        assertThat(completed.get("paymentId").asText()).startsWith("pay_");
        assertThat(completed.get("eventId").asLong()).isEqualTo(7);
        assertThat(completed.get("seats").asInt()).isEqualTo(2);
        assertThat(completed.get("amountCents").asLong()).isEqualTo(9000);
        assertThat(completed.get("currency").asText()).isEqualTo("EUR");
        assertThat(completed.get("buyerEmail").asText()).isEqualTo("ada@example.com");
        assertThat(completed.get("cardLast4").asText()).isEqualTo(GOOD_CARD);
        assertThat(completed.get("processedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(completed.has("cardToken")).as("the token stays in payment-service").isFalse();
        assertThat(kafka.recordsWithin("payment.failed", keyed(bookingId), QUIET_PERIOD)).isEmpty();
    }

    @Test
    void cardEndingIn0002IsDeclined() throws Exception {
        UUID bookingId = UUID.randomUUID();

        kafka.produce("booking.requested", bookingId.toString(), bookingRequested(bookingId, DECLINED_CARD));

        JsonNode failed = awaitOutcome("payment.failed", bookingId);
        assertThat(failed.get("reason").asText()).isEqualTo("card_declined");
        assertThat(failed.get("cardLast4").asText()).isEqualTo(DECLINED_CARD);
        assertThat(failed.get("amountCents").asLong()).isEqualTo(9000);
        assertThat(failed.has("paymentId")).isFalse();
        assertThat(kafka.recordsWithin("payment.completed", keyed(bookingId), QUIET_PERIOD)).isEmpty();
    }

    @Test
    void redeliveredBookingRepublishesTheRecordedOutcomeWithoutAuthorizingAgain() throws Exception {
        UUID bookingId = UUID.randomUUID();
        String request = bookingRequested(bookingId, GOOD_CARD);
        kafka.produce("booking.requested", bookingId.toString(), request);
        JsonNode first = awaitOutcome("payment.completed", bookingId);
        long authorizationsBefore = authorizations();

        kafka.produce("booking.requested", bookingId.toString(), request);

        List<ConsumerRecord<String, String>> outcomes =
                kafka.awaitRecords("payment.completed", keyed(bookingId), 2, PATIENCE);
        assertThat(JSON.readTree(outcomes.get(1).value())).isEqualTo(first);
        assertThat(authorizations()).as("gateway calls after the redelivery").isEqualTo(authorizationsBefore);
        assertThat(paymentRows(bookingId)).isEqualTo(1);
    }

    @Test
    void attemptInterruptedBeforeTheGatewayAnsweredIsAuthorizedOnRedelivery() throws Exception {
        UUID bookingId = UUID.randomUUID();
        // What a crash between claiming the payment and recording the gateway's answer leaves behind.
        pool.preparedQuery("""
                INSERT INTO payments (booking_id, status, amount_cents, currency, card_last4)
                VALUES ($1, 'PENDING', 9000, 'EUR', '4242')""")
                .execute(Tuple.of(bookingId)).await().atMost(Duration.ofSeconds(10));
        long authorizationsBefore = authorizations();

        kafka.produce("booking.requested", bookingId.toString(), bookingRequested(bookingId, GOOD_CARD));

        JsonNode completed = awaitOutcome("payment.completed", bookingId);
        assertThat(completed.get("paymentId").asText()).startsWith("pay_");
        assertThat(authorizations()).isEqualTo(authorizationsBefore + 1);
        assertThat(paymentStatus(bookingId)).isEqualTo("COMPLETED");
    }

    @Test
    void failureRateOfOneFailsEveryAuthorizationWithGatewayError() throws Exception {
        setGateway(0, 0, 1.0);
        long gatewayErrorsBefore = authorizations("GATEWAY_ERROR");
        List<UUID> bookings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID bookingId = UUID.randomUUID();
            bookings.add(bookingId);
            kafka.produce("booking.requested", bookingId.toString(), bookingRequested(bookingId, GOOD_CARD));
        }

        for (UUID bookingId : bookings) {
            assertThat(awaitOutcome("payment.failed", bookingId).get("reason").asText()).isEqualTo("gateway_error");
        }
        assertThat(authorizations("GATEWAY_ERROR")).isEqualTo(gatewayErrorsBefore + 3);
    }

    @Test
    void injectedLatencyDelaysTheOutcome() throws Exception {
        setGateway(1500, 0, 0.0);
        UUID bookingId = UUID.randomUUID();
        long sent = System.nanoTime();

        kafka.produce("booking.requested", bookingId.toString(), bookingRequested(bookingId, GOOD_CARD));

        awaitOutcome("payment.completed", bookingId);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndConsumptionContinues() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        UUID bookingId = UUID.randomUUID();

        kafka.produce("booking.requested", poisonKey, "{\"bookingId\": not json");
        kafka.produce("booking.requested", poisonKey, "{\"bookingId\":\"" + UUID.randomUUID() + "\"}");
        kafka.produce("booking.requested", bookingId.toString(), bookingRequested(bookingId, GOOD_CARD));

        awaitOutcome("payment.completed", bookingId);
        List<ConsumerRecord<String, String>> deadLetters =
                kafka.awaitRecords("payment-service.dlq", record -> poisonKey.equals(record.key()), 2, PATIENCE);
        assertThat(deadLetters.get(0).value()).isEqualTo("{\"bookingId\": not json");
        assertThat(header(deadLetters.get(0), "dead-letter-reason")).contains("not well-formed JSON");
        assertThat(header(deadLetters.get(1), "dead-letter-reason")).contains("amountCents").contains("cardLast4");
        assertThat(header(deadLetters.get(1), "dead-letter-topic")).isEqualTo("booking.requested");
    }

    /**
     * Different bookings are paid concurrently (one at a time they would take 8 gateway latencies),
     * while one booking's records stay on one partition, handled by one consumer in order.
     */
    @Test
    void differentBookingsArePaidConcurrently() {
        // Once one payment went through, the consumer group has settled its partitions.
        UUID warmUp = UUID.randomUUID();
        kafka.produce("booking.requested", warmUp.toString(), bookingRequested(warmUp, GOOD_CARD));
        kafka.awaitRecord("payment.completed", keyed(warmUp), PATIENCE);
        setGateway(1000, 0, 0.0);
        List<UUID> bookings = onDistinctPartitions(8, 12);
        long started = System.nanoTime();
        bookings.forEach(id -> kafka.produce("booking.requested", id.toString(), bookingRequested(id, GOOD_CARD)));
        kafka.awaitRecords("payment.completed", record -> bookings.stream().anyMatch(id -> id.toString().equals(record.key())),
                bookings.size(), PATIENCE);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("8 payments of 1 s each on 8 partitions shared by 4 consumers").isLessThan(Duration.ofMillis(6500));
    }

    /** Booking ids whose records land on {@code count} different partitions of {@code partitions} (Kafka's key hash). */
    private static List<UUID> onDistinctPartitions(int count, int partitions) {
        List<UUID> ids = new ArrayList<>();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        while (ids.size() < count) {
            UUID id = UUID.randomUUID();
            int partition = org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(id.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
            if (used.add(partition)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private JsonNode awaitOutcome(String topic, UUID bookingId) throws Exception {
        return JSON.readTree(kafka.awaitRecord(topic, keyed(bookingId), PATIENCE).value());
    }

    private static Predicate<ConsumerRecord<String, String>> keyed(UUID bookingId) {
        return record -> bookingId.toString().equals(record.key());
    }

    /** Calls to the card gateway so far, as counted by ZingMonitor's timer of the observed operation. */
    private long authorizations() {
        return registry.find(MeterCatalogue.OPERATION_DURATION.micrometerName()).tag("operation", "payment.gateway.authorize").timers()
                .stream().mapToLong(Timer::count).sum();
    }

    private long authorizations(String outcome) {
        return registry.find(MeterCatalogue.OPERATION_DURATION.micrometerName()).tag("operation", "payment.gateway.authorize")
                .tag("outcome", outcome).timers().stream().mapToLong(Timer::count).sum();
    }

    private long paymentRows(UUID bookingId) {
        return pool.preparedQuery("SELECT count(*) FROM payments WHERE booking_id = $1")
                .execute(Tuple.of(bookingId))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private String paymentStatus(UUID bookingId) {
        return pool.preparedQuery("SELECT status FROM payments WHERE booking_id = $1")
                .execute(Tuple.of(bookingId))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A request as the local operator, the only caller the gateway's fault knob accepts. */
    static RequestSpecification operator() {
        return given().auth().preemptive().basic(OperatorCredential.USER, OperatorCredential.PASSWORD);
    }

    static void setGateway(long latencyMs, long jitterMs, double failureRate) {
        operator().contentType(ContentType.JSON)
                .body("{\"latencyMs\":%d,\"jitterMs\":%d,\"failureRate\":%s}"
                        .formatted(latencyMs, jitterMs, failureRate))
                .put("/admin/gateway")
                .then().statusCode(200);
    }
}
