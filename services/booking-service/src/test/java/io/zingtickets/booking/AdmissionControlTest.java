package io.zingtickets.booking;

import static io.restassured.RestAssured.given;
import static io.zingtickets.booking.Bookings.book;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.zingtickets.infra.testing.KafkaTestClient;

/**
 * Back-pressure: above the pending bound, the oldest-age bound or the email backlog's bound, new bookings get
 * 503 with Retry-After and a problem body, counted; the settlement SLI and the backlog gauges are on /q/metrics.
 */
@QuarkusTest
@TestProfile(AdmissionControlTest.SmallBounds.class)
class AdmissionControlTest {

    public static class SmallBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zingtickets.backlog.admission.enabled", "true",
                    "zingtickets.backlog.admission.max-pending", "5",
                    "zingtickets.backlog.admission.max-oldest-pending-age", "4s",
                    "zingtickets.backlog.admission.retry-after", "3s",
                    "zingtickets.backlog.refresh-interval", "100ms",
                    "zingtickets.backlog.admission.max-unemailed", "8",
                    "zingtickets.backlog.email.group-id", EMAIL_GROUP);
        }
    }

    static final Duration WAIT = Duration.ofSeconds(30);
    /** No email-service runs here: the test moves this group's offsets as email-service would commit them. */
    static final String EMAIL_GROUP = "email-service-stand-in";
    static final List<String> OUTCOME_TOPICS = List.of("payment.completed", "payment.failed");

    final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Inject
    Pool pool;

    @BeforeEach
    void nothingPending() {
        // Other tests of this run leave PENDING bookings nobody pays for.
        pool.query("UPDATE bookings SET status = 'FAILED', failure_reason = 'test_cleanup' WHERE status = 'PENDING'")
                .execute().await().atMost(WAIT);
        await().atMost(WAIT).until(() -> gauge("zingtickets_bookings_pending") == 0);
        emailCaughtUp();
        await().atMost(WAIT).until(() -> gauge("zingtickets_bookings_unemailed") == 0);
    }

    @Test
    void refusesAboveThePendingBoundAndAdmitsAgainOnceSettled() {
        double rejectedBefore = value("zingtickets_booking_admission_rejections_total", "reason=\"backlog\"");
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(book(1, 1).statusCode(201).extract().path("id"));
        }
        await().atMost(WAIT).until(() -> gauge("zingtickets_bookings_pending") == 5);

        ExtractableResponse<Response> refused = book(1, 1).statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "3")
                .body("type", endsWith(":overloaded"))
                .body("status", equalTo(503))
                .extract();
        assertThat(refused.body().asString()).doesNotContain("4242");
        // Refused before its body is read: a body that would be a 400 is not even parsed.
        given().contentType("application/json").body("{\"eventId\": ").post("/bookings").then().statusCode(503)
                .header("Retry-After", "3").body("type", endsWith(":overloaded"));
        assertThat(value("zingtickets_booking_admission_rejections_total", "reason=\"backlog\"")).isEqualTo(rejectedBefore + 2);

        accepted.forEach(id -> kafka.produce("payment.completed", id, "{\"bookingId\":\"" + id + "\"}"));
        await().atMost(WAIT).until(() -> gauge("zingtickets_bookings_pending") == 0);
        String admitted = book(1, 1).statusCode(201).extract().path("id");
        kafka.produce("payment.completed", admitted, "{\"bookingId\":\"" + admitted + "\"}");

        String metrics = metrics();
        assertThat(metrics).containsPattern("zingtickets_booking_settlement_seconds_bucket\\{[^}]*outcome=\"CONFIRMED\",le=\"5.0\"")
                .containsPattern("zingtickets_booking_settlement_seconds_bucket\\{[^}]*outcome=\"CONFIRMED\",le=\"300.0\"")
                .contains("zingtickets_outbox_pending{")
                .contains("zingtickets_outbox_oldest_age_seconds{")
                .contains("zingtickets_outbox_publish_failures_total{")
                .contains("zingtickets_bookings_pending_oldest_age_seconds{");
        assertThat(value("zingtickets_booking_settlement_seconds_count", "outcome=\"CONFIRMED\"")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void refusesWhileTheOldestPendingBookingIsTooOld() {
        double rejectedBefore = value("zingtickets_booking_admission_rejections_total", "reason=\"oldest_age\"");
        String stuck = book(1, 1).statusCode(201).extract().path("id");
        await().atMost(WAIT).until(() -> gauge("zingtickets_bookings_pending_oldest_age_seconds") > 4);
        book(1, 1).statusCode(503).header("Retry-After", "3");
        assertThat(value("zingtickets_booking_admission_rejections_total", "reason=\"oldest_age\"")).isEqualTo(rejectedBefore + 1);

        kafka.produce("payment.failed", stuck, "{\"bookingId\":\"" + stuck + "\",\"reason\":\"card_declined\"}");
        await().atMost(WAIT).until(() -> gauge("zingtickets_bookings_pending_oldest_age_seconds") == 0);
        book(1, 1).statusCode(201);
        assertThat(value("zingtickets_booking_settlement_seconds_bucket", "outcome=\"FAILED\",le=\"2.0\"")).as("settled after 4 s")
                .isZero();
        assertThat(value("zingtickets_booking_settlement_seconds_bucket", "outcome=\"FAILED\",le=\"10.0\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesWhileTooManySettledBookingsWaitForTheirEmail() {
        double rejectedBefore = value("zingtickets_booking_admission_rejections_total", "reason=\"email_backlog\"");
        // Two rounds under the pending bound of 5: eight bookings settled, none of them emailed.
        for (int round = 0; round < 2; round++) {
            List<String> settled = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                settled.add(book(1, 1).statusCode(201).extract().path("id"));
            }
            settled.forEach(id -> kafka.produce("payment.completed", id, "{\"bookingId\":\"" + id + "\"}"));
            await().atMost(WAIT).until(() -> gauge("zingtickets_bookings_pending") == 0);
        }
        await().atMost(WAIT).until(() -> gauge("zingtickets_bookings_unemailed") == 8);

        book(1, 1).statusCode(503).contentType("application/problem+json").header("Retry-After", "3")
                .body("type", endsWith(":overloaded"));
        assertThat(value("zingtickets_booking_admission_rejections_total", "reason=\"email_backlog\""))
                .isEqualTo(rejectedBefore + 1);

        emailCaughtUp();
        await().atMost(WAIT).until(() -> gauge("zingtickets_bookings_unemailed") == 0);
        book(1, 1).statusCode(201);
    }

    /** The stand-in email group commits the end of every outcome partition: every outcome so far emailed. */
    void emailCaughtUp() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
            List<String> topics = new ArrayList<>(OUTCOME_TOPICS);
            topics.retainAll(admin.listTopics().names().get());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(EMAIL_GROUP, ends).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String metrics() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return given().port(port).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double gauge(String name) {
        return value(name, "");
    }

    /** The value of the first series named {@code name} whose labels contain {@code label}, 0 if absent. */
    static double value(String name, String label) {
        Pattern series = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([-+0-9.eE]+|NaN)");
        for (String line : metrics().split("\n")) {
            Matcher matcher = series.matcher(line);
            if (matcher.find() && (matcher.group(1) == null ? "" : matcher.group(1)).contains(label)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }
}
