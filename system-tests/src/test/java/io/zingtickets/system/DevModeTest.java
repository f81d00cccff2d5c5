package io.zingtickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.KafkaBroker;
import io.zingtickets.infra.ManagedProcess;
import io.zingtickets.infra.PostgresServer;
import io.zingtickets.infra.Tools;

/**
 * The README's live-reload recipe, run as written: the Makefile's dev-mode recipe (the one {@code make dev}
 * runs once {@code make infra-up} is done, with the JDK the Makefile picks) on a copy of booking-service,
 * against its own real Kafka and PostgreSQL on free ports. An edited resource answers the next request,
 * and the Dev UI serves the ZingMonitor card's telemetry plan. A full dev-mode start (Maven, compilation,
 * augmentation, a restart) is its own target, {@code make test-dev}, outside the time budget of {@code make test}.
 */
@EnabledIfSystemProperty(named = "zingtickets.dev-mode-test", matches = "true")
class DevModeTest {

    static final String SERVICE = "booking-service";
    static final String PROBE = "src/main/java/io/zingtickets/booking/DevModeProbeResource.java";
    static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    static final Duration HOT_REPLACEMENT_INTERVAL = Duration.ofSeconds(2);

    static Path dir;
    static KafkaBroker kafka;
    static PostgresServer postgres;
    static ManagedProcess devMode;
    static Path copy;
    static int httpPort;

    @BeforeAll
    static void start() throws IOException {
        Path repository = Tools.repositoryRoot();
        Path parent = Files.createDirectories(Path.of("target", "dev-mode").toAbsolutePath());
        // PostgreSQL runs as an unprivileged user, who must be able to traverse into its folder.
        parent.toFile().setExecutable(true, false);
        dir = Files.createTempDirectory(parent, "run-");
        dir.toFile().setExecutable(true, false);
        // Side by side: the two take most of their start-up waiting for themselves.
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(() -> KafkaBroker.start(FreePorts.next(),
                FreePorts.next(), dir.resolve("kafka"), dir.resolve("kafka.log")));
        CompletableFuture<PostgresServer> database = CompletableFuture.supplyAsync(() -> PostgresServer.start(
                FreePorts.next(), dir.resolve("postgres"), dir.resolve("postgres.log"), List.of("booking")));
        try {
            CompletableFuture.allOf(broker, database).join();
        } finally {
            // whichever did start is stopped in stop(), even when the other failed
            kafka = broker.exceptionally(e -> null).join();
            postgres = database.exceptionally(e -> null).join();
        }
        // A copy two levels below the repository root, so that the parent POM resolves as in services/,
        // while the edits and dev mode's recompiled classes stay out of the real module.
        copy = repository.resolve("target/dev-mode/" + SERVICE);
        deleteRecursively(copy);
        Files.createDirectories(copy);
        Files.copy(repository.resolve("services/" + SERVICE + "/pom.xml"), copy.resolve("pom.xml"));
        copyTree(repository.resolve("services/" + SERVICE + "/src/main"), copy.resolve("src/main"));
        writeProbe("first answer");
        httpPort = FreePorts.next();
        List<String> devArgs = new ArrayList<>(List.of(
                // no debugger on the default 5005, no Dev Services, no 10 s wait on the build-analytics question,
                // no traces exported to a collector
                "-Ddebug=false", "-Dquarkus.devservices.enabled=false", "-Dquarkus.analytics.disabled=true",
                "-Dquarkus.http.port=" + httpPort, "-Dquarkus.management.port=" + FreePorts.next(),
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl("booking"),
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl("booking"),
                "-Dzingmonitor.tracing.sample-ratio=0", "-Dzingtickets.reconciler.payment-service-url=http://127.0.0.1:1"));
        devMode = ManagedProcess.start("dev-mode", List.of("make", "--no-print-directory", "-C", repository.toString(),
                "dev-attached", "SERVICE=" + SERVICE, "DEV_DIR=" + copy, "DEV_ARGS=" + String.join(" ", devArgs)),
                dir, dir.resolve("dev-mode.log"), Map.of());
        devMode.completeStartup(() -> await().atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!devMode.isAlive()) {
                throw new IllegalStateException("dev mode exited; see " + devMode.log() + ":\n" + devMode.tail());
            }
            return ManagedProcess.isListening(httpPort);
        }));
    }

    @AfterAll
    static void stop() throws IOException {
        if (devMode != null) {
            devMode.stop(Duration.ofSeconds(20));
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        deleteRecursively(copy);
    }

    @Test
    void anEditedResourceAnswersTheNextRequest() throws IOException, InterruptedException {
        assertThat(probe()).isEqualTo("first answer");
        writeProbe("edited answer");
        // Dev mode looks for changed sources on a request at most every 2 s (Vert.x HTTP's hot-replacement
        // interval); past that, the next request recompiles, restarts and answers with the new code.
        Thread.sleep(HOT_REPLACEMENT_INTERVAL.toMillis() + 500);
        assertThat(probe()).isEqualTo("edited answer");
        // The service around it is the real one, on its real database: the seeded events are there.
        given().get(url("/events")).then().statusCode(200);
    }

    @Test
    void theDevUiCardServesTheTelemetryPlan() {
        // The Dev UI page maps each extension's build-time data module in its import map; the ZingMonitor
        // card's pages read their tables from the extension's one.
        String page = given().get(url("/q/dev-ui/")).then().statusCode(200).extract().asString();
        Matcher module = Pattern.compile("\"(/q/dev-ui/[^\"]*zingmonitor[^\"]*-data\\.js)\"").matcher(page);
        assertThat(module.find()).as("the Dev UI's import map names the ZingMonitor card's data:\n%s", page).isTrue();
        String data = given().get(url(module.group(1))).then().statusCode(200).extract().asString();
        assertThat(data).contains("export const endpoints", "export const meters", "export const plan",
                "/bookings", "booking-requested", "booking.requested");
    }

    static String probe() {
        return given().get(url("/dev-mode-probe")).then().statusCode(200).extract().asString();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    static void writeProbe(String answer) throws IOException {
        Files.writeString(copy.resolve(PROBE), """
                package io.zingtickets.booking;

                import jakarta.ws.rs.GET;
                import jakarta.ws.rs.Path;

                @Path("/dev-mode-probe")
                public class DevModeProbeResource {

                    @GET
                    public String answer() {
                        return "%s";
                    }
                }
                """.formatted(answer));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
