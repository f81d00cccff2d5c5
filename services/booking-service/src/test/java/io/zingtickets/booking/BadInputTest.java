package io.zingtickets.booking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.zingtickets.infra.testing.KafkaTestClient;

/**
 * Every kind of bad request: a 4xx problem+json naming the field, never a 500, nothing stored,
 * nothing published, and the card number never echoed.
 */
@QuarkusTest
class BadInputTest {

    static final String CARD = "4242424242424242";
    static final String VALID_CARD = "{\"number\":\"" + CARD + "\",\"expiry\":\"12/30\",\"cvc\":\"737\"}";

    @Inject
    Pool pool;

    final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("malformed JSON", "application/json", "{\"eventId\":1,\"seats\":", 400, null),
                bad("unknown event", "application/json", body("999", "1", "\"ada@example.com\"", VALID_CARD), 404, "eventId"),
                bad("zero seats", "application/json", body("1", "0", "\"ada@example.com\"", VALID_CARD), 400, "seats"),
                bad("negative seats", "application/json", body("1", "-1", "\"ada@example.com\"", VALID_CARD), 400, "seats"),
                bad("seats above the per-booking maximum", "application/json", body("1", "11", "\"ada@example.com\"", VALID_CARD),
                        400, "seats"),
                bad("seats not a number", "application/json", body("1", "\"two\"", "\"ada@example.com\"", VALID_CARD), 400,
                        "seats"),
                bad("invalid email", "application/json", body("1", "1", "\"not-an-email\"", VALID_CARD), 400, "buyerEmail"),
                bad("card failing Luhn", "application/json", body("1", "1", "\"ada@example.com\"",
                        "{\"number\":\"4242424242424241\",\"expiry\":\"12/30\",\"cvc\":\"737\"}"), 400, "card.number"),
                bad("expired card", "application/json", body("1", "1", "\"ada@example.com\"",
                        "{\"number\":\"" + CARD + "\",\"expiry\":\"01/20\",\"cvc\":\"737\"}"), 400, "card.expiry"),
                bad("cvc of letters", "application/json", body("1", "1", "\"ada@example.com\"",
                        "{\"number\":\"" + CARD + "\",\"expiry\":\"12/30\",\"cvc\":\"abc\"}"), 400, "card.cvc"),
                bad("missing eventId", "application/json", body(null, "1", "\"ada@example.com\"", VALID_CARD), 400, "eventId"),
                bad("missing seats", "application/json", body("1", null, "\"ada@example.com\"", VALID_CARD), 400, "seats"),
                bad("missing buyerEmail", "application/json", body("1", "1", null, VALID_CARD), 400, "buyerEmail"),
                bad("missing card", "application/json", body("1", "1", "\"ada@example.com\"", null), 400, "card"),
                bad("missing card number", "application/json", body("1", "1", "\"ada@example.com\"",
                        "{\"expiry\":\"12/30\",\"cvc\":\"737\"}"), 400, "card.number"),
                bad("missing card expiry", "application/json", body("1", "1", "\"ada@example.com\"",
                        "{\"number\":\"" + CARD + "\",\"cvc\":\"737\"}"), 400, "card.expiry"),
                bad("missing card cvc", "application/json", body("1", "1", "\"ada@example.com\"",
                        "{\"number\":\"" + CARD + "\",\"expiry\":\"12/30\"}"), 400, "card.cvc"),
                bad("empty body", "application/json", "", 400, null),
                bad("wrong content type", "text/plain", body("1", "1", "\"ada@example.com\"", VALID_CARD), 415, null),
                bad("body over the size limit", "application/json",
                        body("1", "1", "\"" + "a".repeat(20_000) + "@example.com\"", VALID_CARD), 413, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsAProblemAndChangesNothing(String name, String contentType, String body, int status, String field) {
        long bookingsBefore = bookingCount();
        long publishedBefore = kafka.recordCount("booking.requested");

        ValidatableResponse response = given().contentType(contentType).body(body).post("/bookings").then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body(not(org.hamcrest.Matchers.containsString(CARD)));
        if (field != null) {
            response.body("field", equalTo(field));
        } else {
            response.body("type", not(nullValue()));
        }

        assertThat(bookingCount()).as("nothing persisted").isEqualTo(bookingsBefore);
        assertThat(kafka.recordCount("booking.requested")).as("nothing published").isEqualTo(publishedBefore);
    }

    private long bookingCount() {
        return pool.query("SELECT count(*) FROM bookings").execute().await().indefinitely().iterator().next().getLong(0);
    }

    private static Arguments bad(String name, String contentType, String body, int status, String field) {
        return Arguments.of(name, contentType, body, status, field);
    }

    /** A booking body; a null part is left out entirely. */
    private static String body(String eventId, String seats, String email, String card) {
        StringBuilder json = new StringBuilder("{");
        append(json, "eventId", eventId);
        append(json, "seats", seats);
        append(json, "buyerEmail", email);
        append(json, "card", card);
        return json.append('}').toString();
    }

    private static void append(StringBuilder json, String key, String value) {
        if (value == null) {
            return;
        }
        if (json.length() > 1) {
            json.append(',');
        }
        json.append('"').append(key).append("\":").append(value);
    }
}
