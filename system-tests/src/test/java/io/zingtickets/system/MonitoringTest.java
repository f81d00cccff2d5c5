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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.zingtickets.infra.OperatorCredential;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.infra.Tools;

/**
 * The dashboards and alerts proven against real Prometheus and Alertmanager fed by the running
 * services: no panel shows "No data", every metric named exists, no alert fires while the traffic is
 * healthy, HighErrorRate reaches the chat webhook and the on-call mailbox when payments fail, and resolves
 * when they recover; and, last, game day's shortest fault (issue 17): payment-service killed under
 * bookings, ServiceDown fires and resolves, and no booking is lost, doubled or left without its email.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> APPLICATIONS = List.of("booking-service", "payment-service", "email-service");

    static RunningSystem system;
    static AlertingStack alerting;
    static PrometheusServer prometheus;
    static Path webhookFile;
    /** Every booking the traffic had accepted, for game day's invariants. */
    static final BookingLedger ledger = new BookingLedger();
    static final java.util.concurrent.atomic.AtomicInteger buyers = new java.util.concurrent.atomic.AtomicInteger();
    /** The stretch of healthy traffic, from every service scraped to the end of the traffic. */
    static java.time.Instant healthyFrom;
    static java.time.Instant healthyTo;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem(Map.of(
                "zingtickets.gateway.latency", "5ms",
                "zingtickets.gateway.latency-jitter", "0ms",
                "zingtickets.gateway.failure-rate", "0",
                // A low limit, so the abuse panels have rejections to show.
                "zingmonitor.rate-limit.excluded-paths", "/q/",
                "zingmonitor.rate-limit.requests-per-second", "20",
                "zingmonitor.rate-limit.burst", "40",
                // A low cap, so the cardinality guard's panel has folded tags (log-event loggers) to show.
                "zingmonitor.metrics.max-tag-values", "10"));
        Path dir = system.dir.resolve("monitoring");
        alerting = new AlertingStack(system, dir, List.of(), DrillRules.write(DrillRules.COMPRESSED, dir.resolve("rules")));
        prometheus = alerting.prometheus;
        webhookFile = alerting.webhookRecord;
        generateTraffic();
    }

    @AfterAll
    static void stop() {
        if (alerting != null) {
            alerting.close();
        }
        if (system != null) {
            system.close();
        }
    }

    /** Empty in a healthy system by design: no alert fires while the test's traffic is normal. */
    static final Set<String> EMPTY_WHEN_HEALTHY = Set.of("Firing alerts");

    @Test
    void everyPanelOfEveryDashboardReturnsData() throws IOException {
        List<String> empty = new ArrayList<>();
        int queries = 0;
        for (Path file : dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            for (JsonNode panel : dashboard.get("panels")) {
                if (EMPTY_WHEN_HEALTHY.contains(panel.path("title").asText())) {
                    continue;
                }
                for (JsonNode target : panel.path("targets")) {
                    for (String expr : substitute(dashboard, target.get("expr").asText())) {
                        queries++;
                        if (prometheus.query(expr).isEmpty()) {
                            empty.add(dashboard.get("uid").asText() + " / " + panel.get("title").asText() + ": " + expr);
                        }
                    }
                }
            }
        }
        assertThat(queries).isGreaterThan(50);
        assertThat(empty).as("panels showing No data").isEmpty();
    }

    @Test
    void everyMetricADashboardOrRuleNamesIsScraped() throws IOException {
        Set<String> scraped = new TreeSet<>();
        prometheus.api("/api/v1/label/__name__/values", Map.of()).path("data").forEach(name -> scraped.add(name.asText()));
        Set<String> named = new TreeSet<>();
        for (Path file : dashboards()) {
            JSON.readTree(file.toFile()).findValues("expr").forEach(e -> named.addAll(metricNames(e.asText())));
        }
        for (Path rules : rulesFiles()) {
            Pattern expr = Pattern.compile("expr: (.*)");
            Matcher m = expr.matcher(Files.readString(rules));
            while (m.find()) {
                named.addAll(metricNames(m.group(1)));
            }
        }
        named.removeIf(name -> name.contains(":") || name.equals("ALERTS"));
        assertThat(scraped).containsAll(named);
    }

    /** Prometheus's own linter on what each service really exposes: naming, units, help, types. */
    @Test
    void everyServicesMetricsPassPromtoolCheckMetrics() throws Exception {
        Path promtool = Tools.require(PrometheusServer.PROMTOOL);
        for (String service : APPLICATIONS) {
            // The classic text format: what this promtool reads (Prometheus scrapes OpenMetrics too).
            String metrics = given().header("Accept", "text/plain; version=0.0.4")
                    .get("http://127.0.0.1:" + system.managementPorts.get(service) + "/q/metrics")
                    .then().statusCode(200).extract().asString();
            Path scraped = system.dir.resolve(service + "-metrics.txt");
            Files.writeString(scraped, metrics);
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectInput(scraped.toFile()).redirectErrorStream(true).start();
            String findings = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(check.waitFor()).as("promtool check metrics on %s (%s):%n%s", service, scraped, findings).isZero();
            assertThat(findings).as("promtool findings on %s", service).isBlank();
        }
    }

    @Test
    void highErrorRateFiresToChatAndMailWhenPaymentsFailAndResolves() {
        setFailureRate(1.0);
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                bookings(5, "4242424242424242", "knob");
                assertThat(Files.exists(webhookFile) ? Files.readString(webhookFile) : "")
                        .contains("HighErrorRate").contains("payment-service").contains("FIRING");
            });
            // Waits for this alert's mail, not for the first mail: another alert reaching on-call first must not
            // end the wait early.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(system.mailbox().messagesTo("oncall@zingtickets.io")).anySatisfy(m -> {
                        assertThat(m.subject()).contains("HighErrorRate").contains("payment-service");
                        assertThat(m.raw()).contains("runbooks.md#higherrorrate");
                    }));
        } finally {
            setFailureRate(0.0);
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            bookings(5, "4242424242424242", "recovered");
            assertThat(Files.readString(webhookFile)).contains("RESOLVED");
        });
    }

    /**
     * Game day's healthy baseline, shortened: the traffic above (bookings, reads, bad input, a few 429s, dead
     * letters) fires nothing but BookingSpike, which its bursts of bookings (dozens within seconds, over the
     * alert's 100 a minute) are meant to fire.
     */
    @Test
    @Order(1)
    void noAlertFiresWhileTheTrafficIsHealthy() {
        List<JsonNode> fired = prometheus.api("/api/v1/query_range", Map.of(
                "query", "ALERTS{alertstate=\"firing\",alertname!=\"BookingSpike\"}",
                // Two seconds on: the evaluation just before healthyFrom may still hold the ServiceDown start-up fired.
                "start", Long.toString(healthyFrom.getEpochSecond() + 2), "end", Long.toString(healthyTo.getEpochSecond() + 1),
                "step", "1")).path("data").path("result").findValues("metric");
        assertThat(fired).as("alerts firing between %s and %s on healthy traffic", healthyFrom, healthyTo).isEmpty();
    }

    /**
     * Game day's payment-service row, shortened: killed (SIGKILL) while bookings come in, ServiceDown fires and
     * reaches the on-call channel; restarted with the same command line, ServiceDown resolves, and every booking
     * accepted during the whole test ends terminal, charged at most once, emailed exactly once, seats conserved.
     * Last, because it takes payment-service away.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void paymentServiceKilledUnderBookingsIsSeenAndLosesNothing() throws Exception {
        system.kill("payment-service");
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                bookings(1, "4242424242424242", "during-kill");
                assertThat(prometheus.query("ALERTS{alertname=\"ServiceDown\",service=\"payment-service\",alertstate=\"firing\"}"))
                        .isNotEmpty();
            });
        } finally {
            system.restart("payment-service");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                prometheus.query("ALERTS{alertname=\"ServiceDown\",service=\"payment-service\",alertstate=\"firing\"}")).isEmpty());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                Files.readAllLines(webhookFile)).anySatisfy(line -> assertThat(line).contains("#zingtickets-oncall")
                        .contains("ServiceDown on payment-service").contains("runbooks.md#servicedown")));
        BookingLedger.Invariants invariants = ledger.await(system, Duration.ofSeconds(120));
        assertThat(invariants.accepted).as("bookings accepted").isGreaterThan(50);
        assertThat(invariants.violations()).as("game day's invariants after the kill").isEmpty();
    }

    // ---- traffic ----

    private static void generateTraffic() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                // ServiceDown's absent(up) fires before a service's first scrape: that is start-up, not traffic.
                .until(() -> prometheus.query("up == 1").size() == 3
                        && prometheus.query("ALERTS{alertname=\"ServiceDown\",alertstate=\"firing\"}").isEmpty());
        healthyFrom = java.time.Instant.now();
        bookings(30, "4242424242424242", "ok");
        bookings(5, "4000000000000002", "declined");
        setFailureRate(0.0);
        // Unreadable records: each consumer dead-letters one, so message failures are on the dashboards.
        var kafka = new io.zingtickets.infra.testing.KafkaTestClient(system.kafka.bootstrapServers());
        kafka.produce("booking.requested", "garbage", "not json");
        kafka.produce("payment.completed", "garbage", "not json");
        String booking = given().contentType(ContentType.JSON).header("X-API-Key", "client-reader")
                .body("{\"eventId\":2,\"seats\":1,\"buyerEmail\":\"reader@example.com\",\"card\":{\"number\":\"4242424242424242\","
                        + "\"expiry\":\"12/30\",\"cvc\":\"123\"}}")
                .post(system.url("booking-service") + "/bookings").then().statusCode(201).extract().path("id");
        ledger.accepted(booking, "reader@example.com");
        for (int i = 0; i < 5; i++) {
            given().get(system.url("booking-service") + "/bookings/" + booking);
            given().get(system.url("booking-service") + "/events/1");
            given().contentType(ContentType.JSON).body("{\"eventId\":1,\"seats\":0}").post(system.url("booking-service") + "/bookings");
            given().get(system.url("booking-service") + "/events");
            given().auth().preemptive().basic(OperatorCredential.USER, OperatorCredential.PASSWORD)
                    .get(system.url("payment-service") + "/admin/gateway");
            given().get(system.url("email-service") + "/emails/" + java.util.UUID.randomUUID());
        }
        flood("flooder", 20);
        // Let Prometheus scrape the result a few times and let rates form.
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                bookings(2, "4242424242424242", "steady"); // traffic goes on until Prometheus has seen rates
                return prometheus.query("sum(rate(http_server_requests_seconds_count[1m])) > 0").size() == 1
                        && prometheus.query("up == 1").size() == 3;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Prometheus did not see the services: up=" + prometheus.query("up") + " requests="
                    + prometheus.query("sum(rate(http_server_requests_seconds_count[1m]))"), e);
        }
        bookings(10, "4242424242424242", "more");
        sleep(5000);
        healthyTo = java.time.Instant.now();
    }

    /**
     * One client over its limit, the abuse panels' data. Parallel, and until the limiter has really said
     * no {@code rejections} times: a sequential loop on a loaded machine can be slower than the refill rate.
     */
    private static void flood(String client, int rejections) {
        var rejected = new java.util.concurrent.atomic.AtomicInteger();
        var sent = new java.util.concurrent.atomic.AtomicInteger();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                pool.submit(() -> {
                    while (rejected.get() < rejections && sent.incrementAndGet() <= 2000) {
                        if (given().header("X-API-Key", client).get(system.url("booking-service") + "/events")
                                .statusCode() == 429) {
                            rejected.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        assertThat(rejected.get()).as("429s for %s after %d requests", client, sent.get()).isGreaterThanOrEqualTo(rejections);
    }

    /** Bookings from three clients, each with a buyer address of its own so that its email can be counted. */
    private static void bookings(int count, String card, String prefix) {
        for (int i = 0; i < count; i++) {
            String buyer = prefix + buyers.incrementAndGet() + "@example.com";
            var response = given().contentType(ContentType.JSON)
                    .header("X-API-Key", "client-" + (i % 3))
                    .body("{\"eventId\":1,\"seats\":1,\"buyerEmail\":\"" + buyer + "\",\"card\":{\"number\":\""
                            + card + "\",\"expiry\":\"12/30\",\"cvc\":\"123\"}}")
                    .post(system.url("booking-service") + "/bookings");
            if (response.statusCode() == 201) {
                ledger.accepted(response.path("id"), buyer);
            }
        }
    }

    private static void setFailureRate(double rate) {
        given().auth().preemptive().basic(OperatorCredential.USER, OperatorCredential.PASSWORD)
                .contentType(ContentType.JSON).body("{\"latencyMs\":5,\"jitterMs\":0,\"failureRate\":" + rate + "}")
                .put(system.url("payment-service") + "/admin/gateway").then().statusCode(200);
    }

    // ---- queries ----

    /** The panel's query as Grafana would send it: every variable replaced, once per service where per service. */
    private static List<String> substitute(JsonNode dashboard, String expr) {
        String withInterval = expr.replace("$__rate_interval", "1m").replace("${datasource}", "");
        String service = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.get("name").asText().equals("service") && variable.get("type").asText().equals("constant")) {
                service = variable.get("query").asText();
            }
        }
        if (service != null) {
            return List.of(withInterval.replace("$service", service));
        }
        return List.of(withInterval.replace("$service", String.join("|", APPLICATIONS)));
    }

    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{|\\[)");
    private static final Set<String> FUNCTIONS = Set.of("rate", "sum", "max", "avg", "min", "histogram_quantile", "by",
            "absent", "deriv", "vector", "or", "and", "offset", "increase", "count", "without");

    private static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
        while (m.find()) {
            if (!FUNCTIONS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(Tools.repositoryRoot().resolve("grafana-dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<Path> rulesFiles() throws IOException {
        try (Stream<Path> files = Files.list(Tools.repositoryRoot().resolve("monitoring/rules"))) {
            return files.filter(f -> f.toString().endsWith(".rules.yml")).sorted().toList();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
