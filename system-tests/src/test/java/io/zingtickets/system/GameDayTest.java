package io.zingtickets.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.PostgresServer;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.infra.Tools;

/**
 * Game day (make game-day): the whole system under steady booking load while real faults hit it, a
 * payment-service SIGKILL (restarted after 20 s) and a broker SIGKILL (restarted after 15 s). Afterwards
 * every accepted booking must be terminal, no booking charged twice or charged while FAILED, every
 * outcome emailed exactly once, and the seats conserved; the alert made for the fault must have fired in
 * Prometheus (the committed rules, their waits shortened as in MonitoringTest). The run writes
 * docs/game-day.md. Not part of `make test`: it runs for several minutes.
 */
@EnabledIfSystemProperty(named = "zingtickets.game-day", matches = "true")
class GameDayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long EVENT = 1;
    /** 75 bookings a minute: steady load that stays under BookingSpike's 100 per minute, so that alert means a fault. */
    static final long BOOKING_PERIOD_MS = 800;

    final Map<String, Integer> seatsById = new ConcurrentHashMap<>();
    final Map<String, String> buyerById = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    final AtomicInteger clientErrors = new AtomicInteger();
    /** Per alert and service, the periods it was seen firing: a gap of more than 3 s starts a new one. */
    final Map<String, List<Instant[]>> firing = new ConcurrentHashMap<>();
    /** The faults injected, in order, with the instant each began. */
    final Map<String, Instant> faults = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void paymentServiceAndBrokerKilledUnderLoadLoseNothingAndAreSeen() throws Exception {
        Instant started = Instant.now();
        try (RunningSystem system = new RunningSystem(Map.of(
                "zingtickets.gateway.latency", "20ms",
                "zingtickets.gateway.latency-jitter", "5ms",
                // No injected gateway errors: they are ERROR lines and would trip ErrorLogSpike, whose hour-long
                // baseline the shortened rules do not shorten; declined cards still make FAILED outcomes.
                "zingtickets.gateway.failure-rate", "0"))) {
            Path dir = system.dir.resolve("game-day");
            Files.createDirectories(dir);
            Path repository = Tools.repositoryRoot();
            PrometheusServer prometheus = PrometheusServer.start(FreePorts.next(), Map.of(
                    "booking-service", "127.0.0.1:" + system.managementPorts.get("booking-service"),
                    "payment-service", "127.0.0.1:" + system.managementPorts.get("payment-service"),
                    "email-service", "127.0.0.1:" + system.managementPorts.get("email-service")),
                    MonitoringTest.fastRules(repository.resolve("monitoring/rules"), dir.resolve("rules")),
                    // No Alertmanager here: the alerts are read from Prometheus's own ALERTS series.
                    "127.0.0.1:" + FreePorts.next(), dir.resolve("prometheus"), dir.resolve("prometheus.log"));
            ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
            ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
            List<String> timeline = new ArrayList<>();
            try {
                // Before the load: every target scraped, and nothing firing (ServiceDown's absent(up) fires until
                // the first scrape of a service).
                awaitQuiet(prometheus, Duration.ofSeconds(90));
                note(timeline, "load started: one booking every " + BOOKING_PERIOD_MS + " ms; no alert firing");
                AtomicInteger sequence = new AtomicInteger();
                load.scheduleAtFixedRate(() -> book(system, sequence.incrementAndGet()), 0, BOOKING_PERIOD_MS,
                        TimeUnit.MILLISECONDS);
                watch.scheduleAtFixedRate(() -> recordFiringAlerts(prometheus), 1, 1, TimeUnit.SECONDS);

                sleep(15);
                Instant paymentKilled = note(timeline, "payment-service SIGKILL");
                faults.put("payment-service SIGKILL", paymentKilled);
                system.kill("payment-service");
                sleep(20);
                note(timeline, "payment-service restarted (same command line)");
                system.restart("payment-service");
                Instant paymentReady = note(timeline, "payment-service ready");
                sleep(20);
                Instant brokerKilled = note(timeline, "Kafka broker SIGKILL");
                faults.put("broker SIGKILL", brokerKilled);
                system.killBroker();
                sleep(15);
                note(timeline, "Kafka broker restarted");
                system.restartBroker();
                Instant brokerBack = note(timeline, "Kafka broker ready");
                sleep(20);
                note(timeline, "load stopped");
                load.shutdown();
                load.awaitTermination(30, TimeUnit.SECONDS);

                Invariants invariants = awaitInvariants(system, Duration.ofSeconds(240));
                Instant settled = note(timeline, "every accepted booking terminal, emails counted");
                sleep(10);
                watch.shutdown();
                watch.awaitTermination(10, TimeUnit.SECONDS);

                String report = report(started, timeline, invariants, paymentKilled, paymentReady, brokerKilled, brokerBack,
                        settled);
                Files.writeString(repository.resolve("docs/game-day.md"), report);

                assertThat(invariants.accepted).as("bookings accepted under load").isGreaterThan(100);
                assertThat(invariants.pending).as("accepted bookings not terminal").isEmpty();
                assertThat(invariants.paymentRowsOverOne).as("bookings with more than one payment").isZero();
                assertThat(invariants.chargedButFailed).as("bookings FAILED while their payment COMPLETED").isEmpty();
                assertThat(invariants.confirmedUnpaid).as("bookings CONFIRMED without a COMPLETED payment").isEmpty();
                assertThat(invariants.notExactlyOneEmail).as("outcomes without exactly one email").isEmpty();
                assertThat(invariants.seatsTaken).as("seats taken = seats of live bookings").isEqualTo(invariants.seatsHeld);
                assertThat(firing.getOrDefault("ServiceDown/payment-service", List.of())).as("ServiceDown for payment-service")
                        .anySatisfy(period -> assertThat(period[0]).isAfter(paymentKilled).isBefore(paymentReady.plusSeconds(5)));
            } finally {
                load.shutdownNow();
                watch.shutdownNow();
                prometheus.stop();
            }
        }
    }

    // ---- load ----

    private void book(RunningSystem system, int n) {
        String buyer = "gd-" + n + "@example.com";
        int seats = 1 + n % 2;
        // One booking in ten with a card the gateway declines: FAILED outcomes and their emails too.
        String card = n % 10 == 0 ? "4000000000000002" : "4242424242424242";
        String body = "{\"eventId\":" + EVENT + ",\"seats\":" + seats + ",\"buyerEmail\":\"" + buyer
                + "\",\"card\":{\"number\":\"" + card + "\",\"expiry\":\"12/30\",\"cvc\":\"123\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.url("booking-service") + "/bookings"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answers.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() == 201) {
                String id = JSON.readTree(response.body()).get("id").asText();
                seatsById.put(id, seats);
                buyerById.put(id, buyer);
            }
        } catch (Exception e) {
            clientErrors.incrementAndGet();
        }
    }

    // ---- detection ----

    private void recordFiringAlerts(PrometheusServer prometheus) {
        try {
            Instant now = Instant.now();
            for (String key : firingNow(prometheus)) {
                List<Instant[]> periods = firing.computeIfAbsent(key, k -> new ArrayList<>());
                Instant[] last = periods.isEmpty() ? null : periods.get(periods.size() - 1);
                if (last == null || Duration.between(last[1], now).toSeconds() > 3) {
                    periods.add(new Instant[] { now, now });
                } else {
                    last[1] = now;
                }
            }
        } catch (Exception e) {
            // Prometheus busy for a moment: the next poll reads the same series.
        }
    }

    private Set<String> firingNow(PrometheusServer prometheus) throws Exception {
        // The firing alerts, plus one label-less sample "(quiet)" while all three services are scraped up.
        String query = URLEncoder.encode("ALERTS{alertstate=\"firing\"} or on() (vector(0) and on() (count(up == 1) == 3))",
                StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(prometheus.url() + "/api/v1/query?query=" + query)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        Set<String> keys = new TreeSet<>();
        for (JsonNode series : JSON.readTree(response.body()).path("data").path("result")) {
            JsonNode labels = series.get("metric");
            keys.add(labels.has("alertname") ? labels.path("alertname").asText() + "/" + labels.path("service").asText()
                    : "(quiet)");
        }
        return keys;
    }

    /** Waits until every service is scraped and no alert fires. */
    private void awaitQuiet(PrometheusServer prometheus, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!firingNow(prometheus).equals(Set.of("(quiet)"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Alerts still firing before any fault: " + firingNow(prometheus));
            }
            Thread.sleep(1000);
        }
    }

    // ---- invariants ----

    static final class Invariants {
        int accepted;
        List<String> pending = new ArrayList<>();
        int confirmed;
        int failed;
        Map<String, Integer> failureReasons = new LinkedHashMap<>();
        int paymentRowsOverOne;
        List<String> chargedButFailed = new ArrayList<>();
        List<String> confirmedUnpaid = new ArrayList<>();
        List<String> notExactlyOneEmail = new ArrayList<>();
        int emails;
        long seatsTaken;
        long seatsHeld;
    }

    private Invariants awaitInvariants(RunningSystem system, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        Invariants invariants = check(system);
        while ((!invariants.pending.isEmpty() || !invariants.notExactlyOneEmail.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(3000);
            invariants = check(system);
        }
        return invariants;
    }

    private Invariants check(RunningSystem system) throws SQLException {
        Invariants result = new Invariants();
        Map<String, String> status = new HashMap<>();
        Map<String, String> reason = new HashMap<>();
        try (Connection booking = connect(system.postgres, "booking")) {
            try (ResultSet rows = booking.createStatement().executeQuery("SELECT id, status, failure_reason FROM bookings")) {
                while (rows.next()) {
                    status.put(rows.getString(1), rows.getString(2));
                    reason.put(rows.getString(1), rows.getString(3));
                }
            }
            try (ResultSet rows = booking.createStatement().executeQuery("SELECT capacity - seats_left FROM events WHERE id = " + EVENT)) {
                rows.next();
                result.seatsTaken = rows.getLong(1);
            }
            try (ResultSet rows = booking.createStatement().executeQuery(
                    "SELECT COALESCE(sum(seats), 0) FROM bookings WHERE event_id = " + EVENT + " AND status IN ('PENDING', 'CONFIRMED')")) {
                rows.next();
                result.seatsHeld = rows.getLong(1);
            }
        }
        Map<String, String> payment = new HashMap<>();
        try (Connection payments = connect(system.postgres, "payment")) {
            try (ResultSet rows = payments.createStatement().executeQuery("SELECT booking_id, status FROM payments")) {
                while (rows.next()) {
                    if (payment.put(rows.getString(1), rows.getString(2)) != null) {
                        result.paymentRowsOverOne++;
                    }
                }
            }
        }
        Set<String> ids = new TreeSet<>(seatsById.keySet());
        result.accepted = ids.size();
        for (String id : ids) {
            String s = status.get(id);
            if (!"CONFIRMED".equals(s) && !"FAILED".equals(s)) {
                result.pending.add(id);
                continue;
            }
            if ("CONFIRMED".equals(s)) {
                result.confirmed++;
                if (!"COMPLETED".equals(payment.get(id))) {
                    result.confirmedUnpaid.add(id);
                }
            } else {
                result.failed++;
                result.failureReasons.merge(String.valueOf(reason.get(id)), 1, Integer::sum);
                if ("COMPLETED".equals(payment.get(id))) {
                    result.chargedButFailed.add(id);
                }
            }
            int received = system.mailbox().messagesTo(buyerById.get(id)).size();
            result.emails += received;
            if (received != 1) {
                result.notExactlyOneEmail.add(id + " (" + received + ")");
            }
        }
        return result;
    }

    private static Connection connect(PostgresServer postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    // ---- report ----

    private String report(Instant started, List<String> timeline, Invariants inv, Instant paymentKilled, Instant paymentReady,
            Instant brokerKilled, Instant brokerBack, Instant settled) {
        StringBuilder md = new StringBuilder();
        md.append("# Game day report\n\n");
        md.append("Written by `make game-day` (system-tests `GameDayTest`), run started ").append(started).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(System.getProperty("os.name"))
                .append(", Java ").append(System.getProperty("java.version")).append(").\n\n");
        md.append("The whole system on free ports (Kafka, PostgreSQL, SMTP, the three services as built, Prometheus with the "
                + "committed rules, their `for:` shortened to 3 s (ServiceDown's to 10 s) and 5-minute windows to 20 s), under ")
                .append(60_000 / BOOKING_PERIOD_MS).append(" bookings per minute (event ").append(EVENT)
                .append(", one card in ten declined, gateway 20 ms, no injected gateway errors).\n\n");
        md.append("## Timeline\n\n| at (s) | what |\n|---|---|\n");
        for (String line : timeline) {
            md.append(line).append('\n');
        }
        md.append("\n## Invariants\n\n| invariant | count | holds |\n|---|---|---|\n");
        md.append(row("bookings accepted (201)", inv.accepted, true));
        md.append(row("answers by status", answers.toString(), true));
        md.append(row("client timeouts or connection errors", clientErrors.get(), true));
        md.append(row("accepted and terminal (CONFIRMED + FAILED)", inv.confirmed + inv.failed, inv.pending.isEmpty()));
        md.append(row("CONFIRMED", inv.confirmed, true));
        md.append(row("FAILED, by reason", inv.failed + " " + inv.failureReasons, true));
        md.append(row("stuck PENDING", inv.pending.size(), inv.pending.isEmpty()));
        md.append(row("bookings with more than one payment row (double charge)", inv.paymentRowsOverOne, inv.paymentRowsOverOne == 0));
        md.append(row("FAILED while the payment COMPLETED", inv.chargedButFailed.size(), inv.chargedButFailed.isEmpty()));
        md.append(row("CONFIRMED without a COMPLETED payment", inv.confirmedUnpaid.size(), inv.confirmedUnpaid.isEmpty()));
        md.append(row("emails received (one buyer per booking)", inv.emails, true));
        md.append(row("outcomes without exactly one email", inv.notExactlyOneEmail.size(), inv.notExactlyOneEmail.isEmpty()));
        md.append(row("seats taken on the event / seats of PENDING+CONFIRMED bookings", inv.seatsTaken + " / " + inv.seatsHeld,
                inv.seatsTaken == inv.seatsHeld));
        md.append(row("seconds from the last fault's end to every booking terminal and emailed",
                Duration.between(brokerBack, settled).toSeconds(), true));
        md.append("\n## Alerts seen firing in Prometheus\n\nOne row per period an alert was firing (polled every second)"
                + "; \"after\" is the fault injected last before the period began.\n\n"
                + "| alert / service | firing from (s) | to (s) | after | detected (s after the fault) |\n|---|---|---|---|---|\n");
        new TreeSet<>(firing.keySet()).stream().filter(key -> !key.equals("(quiet)")).forEach(key -> {
            for (Instant[] period : firing.get(key)) {
                String fault = "none: before any fault";
                Instant faultStart = null;
                for (var f : faults.entrySet()) {
                    if (!f.getValue().isAfter(period[0])) {
                        fault = f.getKey();
                        faultStart = f.getValue();
                    }
                }
                md.append("| ").append(key).append(" | ").append(seconds(loadStarted, period[0])).append(" | ")
                        .append(seconds(loadStarted, period[1])).append(" | ").append(fault).append(" | ")
                        .append(faultStart == null ? "**false positive**" : seconds(faultStart, period[0])).append(" |\n");
            }
        });
        md.append("\nServiceDown for payment-service is the alert made for its kill; it resolves once the restarted "
                + "instance is scraped again (payment-service was ready ").append(Duration.between(paymentKilled, paymentReady)
                .toSeconds()).append(" s after the kill). The broker was back ").append(Duration.between(brokerKilled, brokerBack)
                .toSeconds()).append(" s after its kill; the alerts listed after it are what saw that outage (bookings "
                + "waiting past 30 s, admission control's 503s). 503 answers are admission control refusing new bookings "
                + "while the oldest pending one waits too long: refused, never accepted then lost. Alerts marked false "
                + "positive fired with no fault injected.\n\n## Not covered yet\n\nThe other rows of issue 17's table (booking-service kill, "
                + "PostgreSQL restart, SMTP down, gateway latency and failure knobs, a flooding client, observability "
                + "backends stopped, the 10-minute healthy baseline), routing through Alertmanager, and a subset in "
                + "`make test`.\n");
        return md.toString();
    }

    private static String row(String what, Object count, boolean holds) {
        return "| " + what + " | " + count + " | " + (holds ? "yes" : "**NO**") + " |\n";
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }

    private Instant note(List<String> timeline, String what) {
        Instant now = Instant.now();
        if (loadStarted == null) {
            loadStarted = now;
        }
        timeline.add("| " + seconds(loadStarted, now) + " | " + what + " |");
        return now;
    }

    /** Time zero of the timeline and the alert table. */
    private Instant loadStarted;

    private static void sleep(long seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000);
    }
}
