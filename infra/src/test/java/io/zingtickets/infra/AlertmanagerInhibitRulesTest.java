package io.zingtickets.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.zingtickets.infra.alerts.AlertWebhookRecorder;

/**
 * The committed monitoring/alertmanager/alertmanager.yml in a real Alertmanager, alerts posted as Prometheus posts
 * them: a cause that fires mutes the symptoms of the same service (one page per incident), and only those. The game
 * day cannot show the email rule: its 1/15 time scale shortens HighErrorRate's windows but not EmailDeliveryStalled's
 * 30 s age, so there the symptom fires first, the reverse of real time.
 */
class AlertmanagerInhibitRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer webhook;
    private AlertmanagerServer alertmanager;
    private Path webhookRecord;

    @BeforeEach
    void start() throws IOException {
        webhookRecord = dir.resolve("webhook.jsonl");
        int webhookPort = FreePorts.next();
        webhook = AlertWebhookRecorder.start(webhookPort, webhookRecord);
        // No SMTP server: the on-call mail fails and is retried, the chat message of the same page is what is checked.
        alertmanager = AlertmanagerServer.start(FreePorts.next(),
                Tools.repositoryRoot().resolve("monitoring/alertmanager/alertmanager.yml"), FreePorts.next(), webhookPort,
                dir.resolve("alertmanager"), dir.resolve("alertmanager.log"));
    }

    @AfterEach
    void stop() {
        if (alertmanager != null) {
            alertmanager.stop();
        }
        webhook.stop(0);
    }

    @Test
    void stalledEmailDeliveryMutesEmailServicesErrorRateOnly() throws Exception {
        assertCauseMutesSymptomOfItsServiceOnly("EmailDeliveryStalled", "HighErrorRate", "email-service", "payment-service");
    }

    @Test
    void aServiceDownMutesItsOtherAlertsOnly() throws Exception {
        assertCauseMutesSymptomOfItsServiceOnly("ServiceDown", "HighLatency", "booking-service", "payment-service");
    }

    /** The cause fires first, as in real time; then the symptom on its service and on another service. */
    private void assertCauseMutesSymptomOfItsServiceOnly(String cause, String symptom, String service, String otherService)
            throws Exception {
        post(alert(cause, service));
        await().atMost(WAIT).until(() -> held(cause, service).map(AlertmanagerServer.Alert::state).orElse("").equals("active"));
        post(alert(symptom, service), alert(symptom, otherService));

        await().atMost(WAIT).until(() -> notified(symptom + " on " + otherService) && notified(cause + " on " + service));
        AlertmanagerServer.Alert muted = held(symptom, service).orElseThrow();
        assertThat(muted.state()).isEqualTo("suppressed");
        assertThat(muted.inhibitedBy()).containsExactly(cause + "/" + service);
        // Alertmanager notified the other service's alert of the same batch: this one would have been by now.
        assertThat(notified(symptom + " on " + service)).as("a second page for the same incident").isFalse();
    }

    private static String alert(String name, String service) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"service\":\"" + service + "\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"" + name + " of " + service + "\"}}";
    }

    private void post(String... alerts) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(alertmanager.url() + "/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", alerts)
                        + "]")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Alertmanager's view of the alert; absent until it has it. */
    private Optional<AlertmanagerServer.Alert> held(String name, String service) throws Exception {
        return alertmanager.alerts().stream().filter(alert -> alert.key().equals(name + "/" + service)).findFirst();
    }

    /** Whether a chat message of that title ("Alert on service") reached the webhook. */
    private boolean notified(String title) throws IOException {
        return Files.exists(webhookRecord) && Files.readAllLines(webhookRecord).stream().anyMatch(line -> line.contains(title));
    }
}
