package io.zingtickets.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

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

    static final List<String> SERVICES = List.of("booking-service", "payment-service", "email-service");

    final Path dir;
    /** Replaced when the broker is restarted (game day). */
    KafkaBroker kafka;
    private final int kafkaPort = FreePorts.next();
    private final int kafkaControllerPort = FreePorts.next();
    /** Replaced when PostgreSQL is restarted (game day). */
    PostgresServer postgres;
    private final int postgresPort = FreePorts.next();
    final SmtpServer smtp;
    final Map<String, Integer> httpPorts = new HashMap<>();
    final Map<String, Integer> managementPorts = new HashMap<>();
    private final Map<String, ManagedProcess> services = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> configs = new ConcurrentHashMap<>();

    RunningSystem(Map<String, String> extraConfig) throws Exception {
        this(bootstrapServers -> extraConfig);
    }

    /**
     * @param extraConfig the services' extra configuration, given the broker's bootstrap servers: computed once Kafka,
     *        PostgreSQL and SMTP are up and before the services start (a backend that reads the broker starts there)
     */
    RunningSystem(java.util.function.Function<String, Map<String, String>> configAfterInfrastructure) throws Exception {
        // A fresh folder per system: state (databases, Prometheus data) never leaks between test classes or runs.
        Path parent = Path.of("target", "system").toAbsolutePath();
        Files.createDirectories(parent);
        parent.toFile().setExecutable(true, false);
        dir = Files.createTempDirectory(parent, "run-");
        dir.toFile().setExecutable(true, false);
        kafka = KafkaBroker.start(kafkaPort, kafkaControllerPort, dir.resolve("kafka"), dir.resolve("kafka.log"));
        postgres = PostgresServer.start(postgresPort, dir.resolve("postgres"), dir.resolve("postgres.log"),
                PostgresServer.DATABASES);
        smtp = SmtpServer.start(FreePorts.next(), FreePorts.next(), FreePorts.next(), dir.resolve("smtp"), dir.resolve("smtp.log"));
        for (String service : SERVICES) {
            httpPorts.put(service, FreePorts.next());
            managementPorts.put(service, FreePorts.next());
        }
        Map<String, String> extraConfig;
        try {
            extraConfig = configAfterInfrastructure.apply(kafka.bootstrapServers());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        // The three JVMs start side by side: each waits mostly on its own class loading and readiness, and five
        // systems start in one `make test`.
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (String service : SERVICES) {
            starting.add(CompletableFuture.runAsync(() -> start(service, extraConfig)));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw e;
        }
    }

    private void start(String service, Map<String, String> extraConfig) {
        int http = httpPorts.get(service);
        int management = managementPorts.get(service);
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
                // Every path excluded from the rate limit (whether there is one is fixed at build time).
                "zingmonitor.rate-limit.excluded-paths", "/",
                // booking-service's reconciler asks payment-service's management port (docs/contracts.md).
                "zingtickets.reconciler.payment-service-url", "http://127.0.0.1:" + managementPorts.get("payment-service")));
        config.putAll(OperatorCredential.serviceConfig());
        config.putAll(extraConfig);
        configs.put(service, config);
        ManagedProcess process = ServiceProcess.start(Tools.repositoryRoot(), service, management, config, dir.resolve(service),
                dir.resolve(service + ".log"));
        services.put(service, process);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed (game day). */
    void kill(String service) {
        kill(services.get(service));
    }

    /** Starts a killed service again with the same command line and ports, and waits until it is ready. */
    void restart(String service) {
        restart(service, Map.of());
    }

    /** As {@link #restart(String)}, with {@code overrides} on top of its configuration for this life only. */
    void restart(String service, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(configs.get(service));
        config.putAll(overrides);
        services.put(service, ServiceProcess.start(Tools.repositoryRoot(), service, managementPorts.get(service),
                config, dir.resolve(service), dir.resolve(service + "-" + System.nanoTime() + ".log")));
    }

    void killBroker() {
        kill(kafka.process());
    }

    /** The broker again on its ports and data folder, as a supervisor would restart it. */
    void restartBroker() {
        kafka = KafkaBroker.start(kafkaPort, kafkaControllerPort, dir.resolve("kafka"),
                dir.resolve("kafka-" + System.nanoTime() + ".log"));
    }

    /** PostgreSQL's fast shutdown (SIGINT: open sessions are cut, nothing committed is lost), as an operator's restart does. */
    void stopPostgres() {
        postgres.stop();
    }

    /** PostgreSQL again on its port and data folder. */
    void startPostgres() {
        postgres = PostgresServer.start(postgresPort, dir.resolve("postgres"),
                dir.resolve("postgres-" + System.nanoTime() + ".log"), PostgresServer.DATABASES);
    }

    /** SIGSTOP of the SMTP server: connections are accepted by the kernel but never answered, as with a hung server. */
    void freezeSmtp() {
        smtp.freeze();
    }

    /** SIGCONT: the SMTP server answers again, with every mail it had received before still in its mailboxes. */
    void thawSmtp() {
        smtp.thaw();
    }

    private static void kill(ManagedProcess process) {
        process.handle().destroyForcibly();
        process.handle().onExit().join();
    }

    long pid(String service) {
        return services.get(service).pid();
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
        // The callers first: email-service, then payment-service, then booking-service.
        List<String> order = new ArrayList<>(SERVICES);
        Collections.reverse(order);
        order.stream().map(services::get).filter(java.util.Objects::nonNull).forEach(s -> s.stop(Duration.ofSeconds(15)));
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
