package io.zingtickets.booking;

import static io.restassured.RestAssured.given;
import static io.zingtickets.booking.Bookings.VISA;
import static io.zingtickets.booking.Bookings.book;
import static io.zingtickets.booking.Bookings.seatsLeft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zingtickets.infra.testing.KafkaTestClient;

@QuarkusTest
class BookingFlowTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    // The management URL already ends in the non-application root, /q.
    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void listsEventsWithSeatsLeft() {
        given().get("/events").then().statusCode(200)
                .body("name", hasItems("Quarkus Live", "The Latency Quartet"))
                .body("find { it.id == 1 }.capacity", equalTo(100000));
    }

    @Test
    void bookingIsPendingAndRequestsPaymentWithoutTheCard() throws Exception {
        String id = book(1, 2).statusCode(201)
                .header("Location", matchesRegex(".*/bookings/[0-9a-f-]{36}"))
                .body("status", equalTo("PENDING"))
                .body("seats", equalTo(2))
                .body("amountCents", equalTo(9000))
                .body("cardLast4", equalTo("4242"))
                .extract().path("id");
        given().get("/bookings/" + id).then().statusCode(200).body("status", equalTo("PENDING"));

        var record = kafka.awaitRecord("booking.requested", r -> id.equals(r.key()), WAIT);
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertThat(event.get("bookingId").asText()).isEqualTo(id);
        assertThat(event.get("seats").asInt()).isEqualTo(2);
        assertThat(event.get("buyerEmail").asText()).isEqualTo("ada@example.com");
        assertThat(event.get("cardToken").asText()).startsWith("tok_");
        assertThat(event.get("cardLast4").asText()).isEqualTo("4242");
        assertThat(record.value()).doesNotContain(VISA, "737");
        assertThat(record.headers().lastHeader("traceparent")).as("trace context travels with the record").isNotNull();
        assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8)).startsWith("00-");
    }

    @Test
    void completedPaymentConfirmsOnceEvenWhenRedelivered() {
        String id = book(1, 1).statusCode(201).extract().path("id");
        String completed = "{\"bookingId\":\"" + id + "\",\"paymentId\":\"pay_1\",\"cardLast4\":\"4242\"}";

        kafka.produce("payment.completed", id, completed);
        awaitStatus(id, "CONFIRMED");
        int seats = seatsLeft(1);
        kafka.produce("payment.completed", id, completed);
        kafka.produce("payment.failed", id, "{\"bookingId\":\"" + id + "\",\"reason\":\"card_declined\"}");
        // The duplicate and the late contradiction are consumed (later records prove it) and change nothing.
        String marker = book(1, 1).statusCode(201).extract().path("id");
        kafka.produce("payment.completed", marker, "{\"bookingId\":\"" + marker + "\"}");
        awaitStatus(marker, "CONFIRMED");
        given().get("/bookings/" + id).then().body("status", equalTo("CONFIRMED"));
        assertThat(seatsLeft(1)).isEqualTo(seats - 1);
    }

    @Test
    void failedPaymentFailsTheBookingAndReleasesTheSeatsOnce() {
        int before = seatsLeft(2);
        String id = book(2, 3).statusCode(201).extract().path("id");
        assertThat(seatsLeft(2)).isEqualTo(before - 3);

        String failed = "{\"bookingId\":\"" + id + "\",\"reason\":\"card_declined\"}";
        kafka.produce("payment.failed", id, failed);
        awaitStatus(id, "FAILED");
        given().get("/bookings/" + id).then().body("failureReason", equalTo("card_declined"));
        assertThat(seatsLeft(2)).isEqualTo(before);

        kafka.produce("payment.failed", id, failed);
        String marker = book(2, 1).statusCode(201).extract().path("id");
        kafka.produce("payment.failed", marker, "{\"bookingId\":\"" + marker + "\",\"reason\":\"card_declined\"}");
        awaitStatus(marker, "FAILED");
        assertThat(seatsLeft(2)).as("a redelivered failure must not release the seats twice").isEqualTo(before);
    }

    @Test
    void unreadableOutcomeGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String key = "garbage-" + UUID.randomUUID();
        kafka.produce("payment.completed", key, "this is not json");
        var dead = kafka.awaitRecord("booking-service.dlq", r -> key.equals(r.key()), WAIT);
        assertThat(dead.value()).isEqualTo("this is not json");

        String id = book(1, 1).statusCode(201).extract().path("id");
        kafka.produce("payment.completed", id, "{\"bookingId\":\"" + id + "\"}");
        awaitStatus(id, "CONFIRMED");
    }

    @Test
    void soldOutIs409AndKeepsTheRemainingSeats() {
        for (int i = 0; i < 4; i++) {
            book(3, 10).statusCode(201);
        }
        book(3, 1).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:zingtickets:sold-out"))
                .body("field", equalTo("seats"))
                // raised in a database callback, after the request's thread has moved on
                .body("instance", equalTo("/bookings"))
                .body("traceId", matchesRegex("[0-9a-f]{32}"));
        assertThat(seatsLeft(3)).isZero();
    }

    @Test
    void unknownBookingIs404() {
        given().get("/bookings/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:zingtickets:booking-not-found"));
        given().get("/bookings/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        given().get("/events/999").then().statusCode(404)
                .body("type", startsWith("urn:problem-type:zingtickets:event-not-found"))
                .body("instance", equalTo("/events/999"));
    }

    /** The resource names its error answers; the extension gives each the problem schema. */
    @Test
    void theContractGivesEveryErrorTheProblemSchema() {
        String problem = "content.'application/problem+json'.schema.'$ref'";
        given().accept("application/json").get(openApi).then().statusCode(200)
                .body("paths.'/bookings'.post.responses.'409'.description", equalTo("Not enough seats left"))
                .body("paths.'/bookings'.post.responses.'409'." + problem, equalTo("#/components/schemas/ProblemDetail"))
                .body("paths.'/bookings'.post.responses.'503'." + problem, equalTo("#/components/schemas/ProblemDetail"))
                .body("paths.'/events/{id}'.get.responses.'404'." + problem, equalTo("#/components/schemas/ProblemDetail"))
                .body("paths.'/events/{id}'.get.responses.'200'.content.'application/problem+json'", nullValue());
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(
                () -> given().get("/bookings/" + id).then().body("status", equalTo(status)));
    }
}
