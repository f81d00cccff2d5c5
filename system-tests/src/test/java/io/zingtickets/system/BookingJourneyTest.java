package io.zingtickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;

/**
 * A buyer's whole journey through the three services and the real broker, database and mail server:
 * book, pay, get exactly one email.
 */
// The kill test runs last: booking-service's later life logs to another file than the one the trace check reads.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedSystem.class)
class BookingJourneyTest {

    static RunningSystem system;

    @BeforeAll
    static void useSharedSystem(RunningSystem shared) {
        system = shared;
    }

    @Test
    void paidBookingIsConfirmedWithExactlyOneEmail() {
        String buyer = "ada-" + UUID.randomUUID() + "@example.com";
        String id = book(1, 2, buyer, "4242424242424242");

        system.awaitBookingStatus(id, "CONFIRMED");
        var mail = system.mailbox().waitForMessages(buyer, 1, Duration.ofSeconds(30));
        assertThat(mail).singleElement().satisfies(m -> {
            assertThat(m.subject()).containsIgnoringCase("confirmed");
            assertThat(m.raw()).contains(id).doesNotContain("4242424242424242");
        });
        assertNoMoreMailThan(buyer, 1);
        assertOneTraceAcrossTheServicesLogs(id);
    }

    @Test
    void declinedCardFailsTheBookingReleasesTheSeatsAndSendsOneEmail() {
        int before = seatsLeft(2);
        String buyer = "grace-" + UUID.randomUUID() + "@example.com";
        String id = book(2, 3, buyer, "4000000000000002");

        system.awaitBookingStatus(id, "FAILED");
        given().get(system.url("booking-service") + "/bookings/" + id).then().body("failureReason", equalTo("card_declined"));
        assertThat(seatsLeft(2)).isEqualTo(before);
        var mail = system.mailbox().waitForMessages(buyer, 1, Duration.ofSeconds(30));
        assertThat(mail).singleElement().satisfies(m -> assertThat(m.raw()).contains(id));
        assertNoMoreMailThan(buyer, 1);
    }

    /**
     * The outbox survives a real kill: booking-service is SIGKILLed after the reservation committed and
     * before its {@code booking.requested} was published, and the next booking-service publishes it, so the
     * booking is paid, confirmed and emailed once. In the killed life the outbox relay is switched off, which
     * puts the kill between commit and publish every time (the row is checked to be waiting in the outbox).
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void bookingCommittedByAKilledBookingServiceIsPublishedByTheNextOne() throws Exception {
        system.kill("booking-service");
        system.restart("booking-service", Map.of("zingtickets.outbox.relay-enabled", "false"));
        String buyer = "edsger-" + UUID.randomUUID() + "@example.com";
        String id;
        try {
            id = book(1, 1, buyer, "4242424242424242");
            assertThat(outboxRows(id)).as("booking.requested of %s waiting in the outbox at the kill", id).isEqualTo(1);
        } finally {
            system.kill("booking-service");
            system.restart("booking-service");
        }
        system.awaitBookingStatus(id, "CONFIRMED");
        assertThat(outboxRows(id)).as("outbox rows of %s once published", id).isZero();
        var mail = system.mailbox().waitForMessages(buyer, 1, Duration.ofSeconds(30));
        assertThat(mail).singleElement().satisfies(m -> assertThat(m.raw()).contains(id));
        assertNoMoreMailThan(buyer, 1);
    }

    private static long outboxRows(String bookingId) throws java.sql.SQLException {
        try (var db = java.sql.DriverManager.getConnection(system.postgres.jdbcUrl("booking"),
                io.zingtickets.infra.PostgresServer.USER, io.zingtickets.infra.PostgresServer.PASSWORD);
                var query = db.prepareStatement("SELECT count(*) FROM outbox WHERE message_key = ?")) {
            query.setString(1, bookingId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String book(long event, int seats, String buyer, String card) {
        return system.book(event, seats, buyer, card, "123").statusCode(201).body("status", equalTo("PENDING"))
                .extract().path("id");
    }

    private static int seatsLeft(long event) {
        return given().get(system.url("booking-service") + "/events/" + event).then().statusCode(200).extract().path("seatsLeft");
    }


    /**
     * Every JSON log line about the booking, in all three services' real output, carries the same
     * trace id: the context travelled through HTTP, Kafka headers and every reactive hop.
     */
    private static void assertOneTraceAcrossTheServicesLogs(String bookingId) {
        java.util.Set<String> traceIds = new java.util.TreeSet<>();
        java.util.Set<String> services = new java.util.TreeSet<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String service : java.util.List.of("booking-service", "payment-service", "email-service")) {
            try {
                for (String line : java.nio.file.Files.readAllLines(system.dir.resolve(service + ".log"))) {
                    if (!line.startsWith("{") || !line.contains(bookingId)) {
                        continue;
                    }
                    var entry = json.readTree(line);
                    services.add(service);
                    traceIds.add(entry.path("mdc").path("trace.id").asText("missing"));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertThat(services).as("services that logged booking %s", bookingId)
                .containsExactly("booking-service", "email-service", "payment-service");
        assertThat(traceIds).as("trace ids on the lines about booking %s", bookingId).hasSize(1)
                .allMatch(id -> id.matches("[0-9a-f]{32}"));
    }

    /** Exactly-once: a second email would arrive within a few seconds if a duplicate were sent. */
    private static void assertNoMoreMailThan(String buyer, int count) {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(system.mailbox().messagesTo(buyer)).hasSize(count);
    }
}
