package io.zingtickets.email;

import static io.restassured.RestAssured.given;
import static io.zingtickets.email.PaymentEvents.newBuyer;
import static io.zingtickets.email.PaymentEvents.paymentCompleted;
import static io.zingtickets.email.PaymentEvents.paymentFailed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.zingtickets.infra.Mailbox;
import io.zingtickets.infra.SmtpServer;
import io.zingtickets.infra.testing.InjectMailbox;
import io.zingtickets.infra.testing.InjectSmtpServer;
import io.zingtickets.infra.testing.KafkaTestClient;

/** payment.completed / payment.failed in, real emails out, through a real broker, database and SMTP server. */
@QuarkusTest
class BookingEmailFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static LogCapture logs;

    final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @InjectMailbox
    Mailbox mailbox;

    @InjectSmtpServer
    SmtpServer smtp;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.install();
    }

    @AfterAll
    static void releaseLogs() {
        logs.uninstall();
    }

    @Test
    void completedPaymentSendsOneConfirmation() {
        UUID bookingId = UUID.randomUUID();
        String buyer = newBuyer();

        kafka.produce("payment.completed", bookingId.toString(), paymentCompleted(bookingId, buyer));

        Mailbox.Message mail = awaitTheOnlyMailTo(buyer);
        assertThat(mail.subject()).isEqualTo("Your ZingTickets booking is confirmed");
        assertThat(mail.header("From")).hasValue("tickets@zingtickets.io");
        assertThat(mail.header("To")).hasValue(buyer);
        assertThat(mail.header("X-ZingTickets-Booking-Id")).hasValue(bookingId.toString());
        assertThat(mail.raw()).contains(bookingId.toString()).contains("Seats:    2").contains("90.00 EUR");
        given().get("/emails/{bookingId}", bookingId)
                .then().statusCode(200)
                .body("kind", equalTo("CONFIRMATION"))
                .body("status", equalTo("SENT"))
                .body("attempts", equalTo(1))
                .body("sentAt", notNullValue());
        assertNoLogLineContains(buyer);
    }

    @Test
    void declinedPaymentSendsOneFailureNoticeWithAHumanReason() {
        UUID bookingId = UUID.randomUUID();
        String buyer = newBuyer();

        kafka.produce("payment.failed", bookingId.toString(), paymentFailed(bookingId, buyer, "card_declined"));

        Mailbox.Message mail = awaitTheOnlyMailTo(buyer);
        assertThat(mail.subject()).isEqualTo("Your ZingTickets booking could not be completed");
        assertThat(mail.raw()).contains(bookingId.toString()).contains("your card was declined")
                .contains("135.00 EUR").doesNotContain("card_declined");
        given().get("/emails/{bookingId}", bookingId)
                .then().statusCode(200)
                .body("kind", equalTo("FAILURE_NOTICE"))
                .body("status", equalTo("SENT"));
        assertNoLogLineContains(buyer);
    }

    @Test
    void gatewayErrorIsExplainedAsATemporaryProblem() {
        UUID bookingId = UUID.randomUUID();
        String buyer = newBuyer();

        kafka.produce("payment.failed", bookingId.toString(), paymentFailed(bookingId, buyer, "gateway_error"));

        assertThat(awaitTheOnlyMailTo(buyer).raw()).contains("payment provider").contains("try again");
    }

    @Test
    void redeliveredOutcomeSendsNoSecondEmail() {
        UUID bookingId = UUID.randomUUID();
        String buyer = newBuyer();
        String event = paymentCompleted(bookingId, buyer);
        kafka.produce("payment.completed", bookingId.toString(), event);
        awaitTheOnlyMailTo(buyer);
        double handledBefore = alreadyHandled();

        kafka.produce("payment.completed", bookingId.toString(), event);

        await().atMost(PATIENCE).until(() -> alreadyHandled() > handledBefore);
        assertThat(mailbox.messagesTo(buyer)).hasSize(1);
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndConsumptionContinues() {
        String poisonKey = "poison-" + UUID.randomUUID();
        UUID bookingId = UUID.randomUUID();
        String buyer = newBuyer();

        kafka.produce("payment.completed", poisonKey, "this is not json");
        kafka.produce("payment.failed", poisonKey, "{\"bookingId\":\"" + UUID.randomUUID()
                + "\",\"buyerEmail\":\"not-an-address\"}");
        kafka.produce("payment.completed", bookingId.toString(), paymentCompleted(bookingId, buyer));

        awaitTheOnlyMailTo(buyer);
        List<ConsumerRecord<String, String>> deadLetters =
                kafka.awaitRecords("email-service.dlq", record -> poisonKey.equals(record.key()), 2, PATIENCE);
        assertThat(deadLetters).extracting(ConsumerRecord::value).contains("this is not json");
        assertThat(deadLetters).extracting(record -> header(record, "dead-letter-topic"))
                .containsExactlyInAnyOrder("payment.completed", "payment.failed");
        assertThat(deadLetters).extracting(record -> header(record, "dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("buyerEmail").contains("reason")
                        .doesNotContain("not-an-address"));
    }

    /**
     * The game day's fault in small: a frozen server accepts connections and never answers, so a send
     * hangs rather than fails. Both meters the alerts watch must move (timed-out attempts counted as
     * failures, the oldest outcome's wait growing), and once the server answers again each outcome must
     * get exactly one email: the timed-out attempts are delivered by the server as it wakes up, and their
     * retries must not send a second copy.
     */
    @Test
    void hungSmtpServerIsCountedAndWaitedOnAndEachOutcomeEmailedOnceWhenItAnswers() {
        UUID confirmed = UUID.randomUUID();
        UUID declined = UUID.randomUUID();
        String confirmedBuyer = newBuyer();
        String declinedBuyer = newBuyer();
        double failuresBefore = sendFailures();

        smtp.freeze();
        try {
            kafka.produce("payment.completed", confirmed.toString(), paymentCompleted(confirmed, confirmedBuyer));
            kafka.produce("payment.failed", declined.toString(), paymentFailed(declined, declinedBuyer, "card_declined"));
            // Past the test's send timeout (3 s), twice over, so a retry has come and waited too.
            await().atMost(PATIENCE).until(() -> sendFailures() >= failuresBefore + 2 && oldestPendingAgeSeconds() > 6);
        } finally {
            smtp.thaw();
        }

        awaitTheOnlyMailTo(confirmedBuyer);
        awaitTheOnlyMailTo(declinedBuyer);
        await().atMost(PATIENCE).until(() -> oldestPendingAgeSeconds() == 0);
    }

    @Test
    void unknownBookingHasNoEmailStatus() {
        given().get("/emails/{bookingId}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    private Mailbox.Message awaitTheOnlyMailTo(String address) {
        mailbox.waitForMessages(address, 1, PATIENCE);
        // Give a duplicate the chance to show up before declaring there is none.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> mailbox.messagesTo(address).size() == 1);
        return mailbox.messagesTo(address).get(0);
    }

    private double oldestPendingAgeSeconds() {
        return registry.get("zingtickets.email.pending.oldest.age").gauge().value();
    }

    private double sendFailures() {
        return registry.find("zingtickets.email.send.failures").counters().stream().mapToDouble(Counter::count).sum();
    }

    private double alreadyHandled() {
        return registry.find("zingtickets.emails").tag("result", "already_handled").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static void assertNoLogLineContains(String address) {
        assertThat(logs.lines()).as("log lines").isNotEmpty().noneMatch(line -> line.contains(address));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
