package io.zingtickets.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.KafkaBroker;
import io.zingtickets.infra.Mailbox;
import io.zingtickets.infra.ManagedProcess;
import io.zingtickets.infra.OperatorCredential;
import io.zingtickets.infra.PostgresServer;
import io.zingtickets.infra.ServiceProcess;
import io.zingtickets.infra.SmtpServer;
import io.zingtickets.infra.Tools;

/**
 * The whole ZingTickets system on free ports: real Kafka, PostgreSQL and SMTP, and the three services
 * as shipped, each in its own JVM. Logs go to {@code system-tests/target/system/}.
 */
final class RunningSystem implements AutoCloseable {

    final Path dir;
    final KafkaBroker kafka;
    final PostgresServer postgres;
    final SmtpServer smtp;
    final Map<String, Integer> httpPorts = new HashMap<>();
    final Map<String, Integer> managementPorts = new HashMap<>();
    private final List<ManagedProcess> services = new ArrayList<>();

    RunningSystem(Map<String, String> extraConfig) throws Exception {
        // A fresh folder per system: state (databases, Prometheus data) never leaks between test classes or runs.
        Path parent = Path.of("target", "system").toAbsolutePath();
        Files.createDirectories(parent);
        parent.toFile().setExecutable(true, false);
        dir = Files.createTempDirectory(parent, "run-");
        dir.toFile().setExecutable(true, false);
        kafka = KafkaBroker.start(FreePorts.next(), FreePorts.next(), dir.resolve("kafka"), dir.resolve("kafka.log"));
        postgres = PostgresServer.start(FreePorts.next(), dir.resolve("postgres"), dir.resolve("postgres.log"),
                PostgresServer.DATABASES);
        smtp = SmtpServer.start(FreePorts.next(), FreePorts.next(), FreePorts.next(), dir.resolve("smtp"), dir.resolve("smtp.log"));
        for (String service : List.of("booking-service", "payment-service", "email-service")) {
            start(service, extraConfig);
        }
    }

    private void start(String service, Map<String, String> extraConfig) {
        int http = FreePorts.next();
        int management = FreePorts.next();
        String database = service.replace("-service", "");
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.http.port", Integer.toString(http),
                "quarkus.management.port", Integer.toString(management),
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.mailer.port", Integer.toString(smtp.smtpPort()),
                // No trace is sampled, so nothing is exported to whatever listens on localhost:4317; trace
                // context still propagates and every log line still carries its trace id. TracingTest
                // samples everything into its own Jaeger.
                "zingmonitor.tracing.sample-ratio", "0",
                "zingmonitor.rate-limit.enabled", "false"));
        config.putAll(OperatorCredential.serviceConfig());
        config.putAll(extraConfig);
        services.add(ServiceProcess.start(Tools.repositoryRoot(), service, management, config, dir.resolve(service),
                dir.resolve(service + ".log")));
        httpPorts.put(service, http);
        managementPorts.put(service, management);
    }

    String url(String service) {
        return "http://127.0.0.1:" + httpPorts.get(service);
    }

    /** A booking as a client sends it; the response, for the caller's own expectations. */
    ValidatableResponse book(long event, int seats, String buyer, String card, String cvc) {
        return given().contentType(ContentType.JSON)
                .body("{\"eventId\":" + event + ",\"seats\":" + seats + ",\"buyerEmail\":\"" + buyer
                        + "\",\"card\":{\"number\":\"" + card + "\",\"expiry\":\"12/30\",\"cvc\":\"" + cvc + "\"}}")
                .post(url("booking-service") + "/bookings")
                .then();
    }

    /** Waits until the booking reaches {@code status}: settlement happens asynchronously, through Kafka. */
    void awaitBookingStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .get(url("booking-service") + "/bookings/" + id).then().body("status", equalTo(status)));
    }

    Mailbox mailbox() {
        return smtp.mailbox();
    }

    @Override
    public void close() {
        java.util.Collections.reverse(services);
        services.forEach(s -> s.stop(java.time.Duration.ofSeconds(15)));
        if (smtp != null) {
            smtp.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }
}
