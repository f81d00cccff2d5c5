import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.JaegerServer;
import io.zingtickets.infra.KafkaBroker;
import io.zingtickets.infra.ManagedProcess;
import io.zingtickets.infra.OperatorCredential;
import io.zingtickets.infra.PostgresServer;
import io.zingtickets.infra.ProcessStats;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.infra.ServiceProcess;
import io.zingtickets.infra.SmtpServer;

/**
 * The end-to-end benchmark of issue #16 ({@code make bench-e2e}): the whole booking pipeline (POST
 * /bookings, payment, confirmation, email) on a local stack started here on free ports, driven open loop
 * at fixed rates, once with full telemetry and once with every telemetry feature off.
 *
 * <p>Per step: requests are sent at their intended times whatever the answers do (open loop); every
 * latency is measured from the intended send time, so a stalled system cannot hide its stall
 * (no coordinated omission). Each accepted booking's id is kept with its intended time; after the step
 * its confirmation time ({@code bookings.updated_at}, written when the outcome is applied) and its email
 * time ({@code sent_emails.sent_at}, written by email-service when the SMTP server accepted the mail) are
 * read from PostgreSQL, whose clock is this machine's. Both timestamps exist with telemetry off too, so
 * both modes are measured the same way. Percentiles are exact (every sample sorted).
 *
 * <p>Run by {@code bench/e2e.sh} as a single-file program on the infra module's classpath; settings are
 * {@code BENCH_*} environment variables (see {@link Settings}).
 */
public final class E2EBenchmark {

    private static final Deque<Runnable> CLEANUP = new ArrayDeque<>();
    /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final long FIRST_EVENT_ID = 10_000;
    private static final int BUYERS = 1_000;

    /**
     * From the environment. {@code BENCH_QUICK=1} changes the defaults to a harness check of a few minutes.
     * {@code BENCH_RATES} (100,200,500,800 bookings/s), {@code BENCH_STEP_SECONDS} (20),
     * {@code BENCH_SATURATION_RATE} (1500/s, above capacity: what is settled there is the capacity),
     * {@code BENCH_HOT_RATE} (200/s, every booking on one event row), {@code BENCH_GATEWAY_LATENCIES_MS}
     * (50,500), {@code BENCH_TELEMETRY} (full,off), {@code BENCH_SUSTAINED_SECONDS} (300, 0 = none) at
     * {@code BENCH_SUSTAINED_RATE} (500/s; full telemetry, first gateway latency, JFR profile of each
     * service), {@code BENCH_DRAIN_SECONDS} (20: the longest wait after a step for its bookings to settle
     * and be emailed, and before a step for earlier bookings still pending), {@code BENCH_WARMUP_SECONDS} (90 at 100/s, then up to 120 s for its backlog to drain), {@code BENCH_CLIENT_KEYS} (200),
     * {@code BENCH_JIT_WARMUP_MAX_SECONDS} (600, 0 in quick runs: after the warm-up, the longest time spent at
     * {@value #JIT_WARMUP_RATE}/s until the JIT compilers are quiet),
     * {@code BENCH_EVENTS} (200), {@code BENCH_ADMISSION_BOUND} (2000, booking-service's
     * zingtickets.backlog.admission.max-pending), {@code BENCH_SERVICE_JVM_OPTIONS} ("-Xms64m -Xmx256m"
     * as make run), {@code BENCH_SCRAPE_SECONDS} (15, the Helm chart's ServiceMonitor interval: how often Prometheus
     * scrapes every service with full telemetry), {@code BENCH_NOTE} (a sentence put under the title), {@code BENCH_OUTPUT}.
     */
    record Settings(Path root, Path work, Path output, boolean quick, List<Integer> rates, int stepSeconds,
            int saturationRate, int hotRate, List<Integer> gatewayLatencies, List<String> telemetry, int sustainedSeconds,
            int sustainedRate, int drainSeconds, int warmupSeconds, int jitWarmupMaxSeconds, int clientKeys, int events,
            int admissionBound, List<String> serviceJvmOptions, int scrapeSeconds, String note, String command) {

        static Settings fromEnvironment(Path root) {
            boolean quick = BenchSupport.env("BENCH_QUICK", "0").equals("1");
            return new Settings(root, root.resolve(".run/bench-e2e"),
                    Path.of(BenchSupport.env("BENCH_OUTPUT", root.resolve("bench/E2E.md").toString())).toAbsolutePath(), quick,
                    ints(BenchSupport.env("BENCH_RATES", quick ? "100,400" : "100,200,500,800")),
                    Integer.parseInt(BenchSupport.env("BENCH_STEP_SECONDS", quick ? "8" : "20")),
                    Integer.parseInt(BenchSupport.env("BENCH_SATURATION_RATE", quick ? "1200" : "1500")),
                    Integer.parseInt(BenchSupport.env("BENCH_HOT_RATE", "200")),
                    ints(BenchSupport.env("BENCH_GATEWAY_LATENCIES_MS", quick ? "50" : "50,500")),
                    List.of(BenchSupport.env("BENCH_TELEMETRY", "full,off").split(",")),
                    Integer.parseInt(BenchSupport.env("BENCH_SUSTAINED_SECONDS", quick ? "15" : "300")),
                    Integer.parseInt(BenchSupport.env("BENCH_SUSTAINED_RATE", "500")),
                    Integer.parseInt(BenchSupport.env("BENCH_DRAIN_SECONDS", "20")),
                    Integer.parseInt(BenchSupport.env("BENCH_WARMUP_SECONDS", quick ? "10" : "90")),
                    Integer.parseInt(BenchSupport.env("BENCH_JIT_WARMUP_MAX_SECONDS", quick ? "0" : "600")),
                    Integer.parseInt(BenchSupport.env("BENCH_CLIENT_KEYS", "200")), Integer.parseInt(BenchSupport.env("BENCH_EVENTS", "200")),
                    Integer.parseInt(BenchSupport.env("BENCH_ADMISSION_BOUND", "2000")),
                    List.of(BenchSupport.env("BENCH_SERVICE_JVM_OPTIONS", "-Xms64m -Xmx256m").trim().split("\\s+")),
                    Integer.parseInt(BenchSupport.env("BENCH_SCRAPE_SECONDS", "15")),
                    BenchSupport.env("BENCH_NOTE", ""), BenchSupport.env("BENCH_COMMAND", "make bench-e2e"));
        }

        private static List<Integer> ints(String csv) {
            return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
        }
    }

    /** One telemetry mode: which build of the services and which run-time switches. */
    record Telemetry(String name, String buildDirectory, boolean full, String description) {
        static Telemetry of(String name) {
            return switch (name) {
                case "full" -> new Telemetry(name, "quarkus-app", true,
                        "as shipped: ZingMonitor, Micrometer with /q/metrics scraped by Prometheus every %d s (BENCH_SCRAPE_SECONDS), "
                                + "OpenTelemetry traces exported over OTLP to Jaeger, JSON logs");
                case "off" -> new Telemetry(name, "telemetry-off", false,
                        "built with -Dzingmonitor.enabled=false -Dquarkus.micrometer.binder-enabled-default=false "
                                + "-Dquarkus.micrometer.export.prometheus.enabled=false (no meters exported, no /q/metrics), "
                                + "run with quarkus.otel.sdk.disabled=true (no spans); no Prometheus, no Jaeger; JSON logs as usual");
                default -> throw new IllegalArgumentException("BENCH_TELEMETRY: unknown mode " + name + " (full, off)");
            };
        }
    }

    /** The processes of one stack, by the name the report uses; each measured with its children. */
    record Stack(Map<String, ManagedProcess> processes, String bookingUrl, String paymentUrl, PostgresServer postgres,
            SmtpServer smtp) {
    }

    /** What one step measured. */
    record Step(String telemetry, int gatewayMs, String load, int offeredRate, double seconds, long sent, long accepted,
            long refused503, long rateLimited429, long otherStatus, long clientErrors, long settledInWindow,
            long emailedInWindow, long settledTotal, long emailedTotal, long confirmedTotal, long[] confirmMicros,
            long[] emailMicros, long[] httpMicros, long pendingMax, long oldestPendingMillisMax, Map<String, double[]> cpuCoresAndRssMiB,
            Map<String, Long> transactions, Map<String, Double> cpuSecondsUntilDrained,
            Map<String, Map<String, Double>> threadGroupSecondsUntilDrained, boolean drained) {

        double rate(long count) {
            return count / seconds;
        }
    }

    private final Settings settings;
    private final List<Step> steps = new ArrayList<>();

    /** How a mode's warm-up went: its length, and what the three services' JIT compilers spent over it. */
    record WarmUp(String telemetry, double seconds, Map<String, Double> jitSeconds, double lastSliceJitCores, boolean quiet) {
    }

    private final List<WarmUp> warmUps = new ArrayList<>();
    private final Map<String, String> profiles = new LinkedHashMap<>();
    private final Instant begin = Instant.now();

    private E2EBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment(Path.of("").toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(E2EBenchmark::cleanUp, "bench-cleanup"));
        try {
            new E2EBenchmark(settings).run();
        } catch (Exception | Error e) {
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            cleanUp();
            System.exit(1);
        }
        cleanUp();
        System.exit(0);
    }

    private static synchronized void cleanUp() {
        while (!CLEANUP.isEmpty()) {
            try {
                CLEANUP.pop().run();
            } catch (RuntimeException e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    /** How long the first step waits for the warm-up's backlog: a cold stack leaves far more than a step does. */
    static final int WARM_UP_DRAIN_SECONDS = 120;

    private void run() throws Exception {
        for (String name : settings.telemetry()) {
            Telemetry telemetry = Telemetry.of(name);
            Stack stack = start(telemetry);
            try {
                createEvents(stack);
                BenchSupport.log("warm-up: %d s at 100/s", settings.warmupSeconds());
                long warmUpStart = System.nanoTime();
                Map<String, Map<String, Long>> jitBefore = threadGroupTicks(stack);
                step(stack, telemetry, settings.gatewayLatencies().get(0), "warm-up", 100, settings.warmupSeconds(), false);
                steps.removeLast();
                // A cold stack settles a fraction of what it settles warm (a 15 s warm-up left the first steps with
                // telemetry at 3-83 settled/s against 286/s in the last): the first step begins warm and drained.
                awaitNoPending(stack, WARM_UP_DRAIN_SECONDS);
                warmUntilCompiled(stack, telemetry, warmUpStart, jitBefore);
                for (int gateway : settings.gatewayLatencies()) {
                    setGateway(stack, gateway);
                    for (int rate : settings.rates()) {
                        step(stack, telemetry, gateway, "fixed", rate, settings.stepSeconds(), false);
                    }
                    step(stack, telemetry, gateway, "saturation", settings.saturationRate(), settings.stepSeconds(), false);
                    step(stack, telemetry, gateway, "one hot event", settings.hotRate(), settings.stepSeconds(), true);
                }
                // In both modes: five minutes of steady state is where the cost of telemetry is judged, as a rate
                // that a backlog carried over from the step before cannot distort.
                if (settings.sustainedSeconds() > 0) {
                    int gateway = settings.gatewayLatencies().get(0);
                    setGateway(stack, gateway);
                    Map<String, Path> recordings = startProfiles(stack, telemetry);
                    step(stack, telemetry, gateway, "sustained", settings.sustainedRate(), settings.sustainedSeconds(), false);
                    stopProfiles(stack, recordings);
                }
            } finally {
                cleanUp();
            }
        }
        Files.writeString(settings.output(), report());
        BenchSupport.log("wrote %s (%s)", settings.output(), minutes(Duration.between(begin, Instant.now())));
    }

    /** The rate of the JIT warm-up: above what a cold stack settles, so the refusal path gets compiled too. */
    static final int JIT_WARMUP_RATE = 300;
    static final int JIT_WARMUP_SLICE_SECONDS = 30;
    /**
     * The three services' JIT compilers together below this share of the machine's cores over a slice: the
     * hot paths are compiled. Right after start-up they take 0.4-0.5 of the 2 cores for minutes (C2 compiling
     * what crossed its thresholds), which the first steps would otherwise pay for.
     */
    static final double JIT_QUIET_CORES = 0.05;

    /**
     * Runs {@link #JIT_WARMUP_RATE}/s in slices until the services' JIT compilers are quiet (or
     * BENCH_JIT_WARMUP_MAX_SECONDS have passed), so that every step measures compiled code in both modes.
     */
    private void warmUntilCompiled(Stack stack, Telemetry telemetry, long warmUpStart, Map<String, Map<String, Long>> jitBefore)
            throws Exception {
        double lastCores = Double.NaN;
        boolean quiet = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.jitWarmupMaxSeconds());
        while (settings.jitWarmupMaxSeconds() > 0 && !quiet && System.nanoTime() < deadline) {
            Map<String, Map<String, Long>> before = threadGroupTicks(stack);
            long start = System.nanoTime();
            step(stack, telemetry, settings.gatewayLatencies().get(0), "warm-up (JIT)", JIT_WARMUP_RATE, JIT_WARMUP_SLICE_SECONDS, false);
            steps.removeLast();
            awaitNoPending(stack);
            lastCores = jitSeconds(secondsSince(before, threadGroupTicks(stack))) / ((System.nanoTime() - start) / 1e9);
            quiet = lastCores < JIT_QUIET_CORES;
            BenchSupport.log("  JIT compilers: %.2f cores over the slice (quiet below %.2f)", lastCores, JIT_QUIET_CORES);
        }
        Map<String, Double> jit = new LinkedHashMap<>();
        secondsSince(jitBefore, threadGroupTicks(stack)).forEach((service, groups) -> jit.put(service, groups.get(ProcessStats.JIT_COMPILER)));
        warmUps.add(new WarmUp(telemetry.name(), (System.nanoTime() - warmUpStart) / 1e9, jit, lastCores, quiet));
    }

    private static double jitSeconds(Map<String, Map<String, Double>> byService) {
        return byService.values().stream().mapToDouble(groups -> groups.getOrDefault(ProcessStats.JIT_COMPILER, 0.0)).sum();
    }

    // ---------------------------------------------------------------- the stack

    private Stack start(Telemetry telemetry) throws IOException {
        Path dir = settings.work().resolve(telemetry.name());
        BenchSupport.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("logs"));
        BenchSupport.log("[%s] starting Kafka, PostgreSQL, SMTP%s on free ports (logs: %s)", telemetry.name(),
                telemetry.full() ? ", Jaeger, Prometheus" : "", settings.root().relativize(dir.resolve("logs")));
        Map<String, ManagedProcess> processes = new LinkedHashMap<>();
        KafkaBroker kafka = KafkaBroker.start(FreePorts.next(), FreePorts.next(), dir.resolve("kafka"), dir.resolve("logs/kafka.log"));
        CLEANUP.push(kafka::stop);
        processes.put("kafka", kafka.process());
        PostgresServer postgres = PostgresServer.start(FreePorts.next(), dir.resolve("postgres"), dir.resolve("logs/postgres.log"),
                PostgresServer.DATABASES);
        CLEANUP.push(postgres::stop);
        processes.put("postgresql", postgres.process());
        SmtpServer smtp = SmtpServer.start(FreePorts.next(), FreePorts.next(), FreePorts.next(), dir.resolve("smtp"),
                dir.resolve("logs/smtp.log"));
        CLEANUP.push(smtp::stop);
        processes.put("smtp (GreenMail)", smtp.process());
        Map<String, Integer> http = new LinkedHashMap<>();
        Map<String, Integer> management = new LinkedHashMap<>();
        for (String service : List.of("booking-service", "payment-service", "email-service")) {
            http.put(service, FreePorts.next());
            management.put(service, FreePorts.next());
        }
        Map<String, String> common = new HashMap<>(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers()));
        ManagedProcess jaegerProcess = null;  // listed after the services, as Prometheus
        if (telemetry.full()) {
            JaegerServer jaeger = JaegerServer.start(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                    dir.resolve("jaeger"), dir.resolve("logs/jaeger.log"));
            CLEANUP.push(jaeger::stop);
            jaegerProcess = jaeger.process();
            common.put("quarkus.otel.exporter.otlp.endpoint", jaeger.otlpGrpcEndpoint());
        } else {
            common.put("quarkus.otel.sdk.disabled", "true");
        }
        for (String service : http.keySet()) {
            String database = service.substring(0, service.indexOf('-'));
            Map<String, String> config = new HashMap<>(common);
            config.put("quarkus.http.port", http.get(service).toString());
            config.put("quarkus.management.port", management.get(service).toString());
            config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
            if (service.equals("email-service")) {
                config.put("quarkus.mailer.port", Integer.toString(smtp.smtpPort()));
            }
            if (service.equals("booking-service")) {
                config.put("zingtickets.backlog.admission.max-pending", Integer.toString(settings.admissionBound()));
                config.put("zingtickets.reconciler.payment-service-url", "http://127.0.0.1:" + management.get("payment-service"));
            }
            config.putAll(OperatorCredential.serviceConfig());
            Path jar = settings.root().resolve("services").resolve(service).resolve("target")
                    .resolve(telemetry.buildDirectory()).resolve("quarkus-run.jar");
            BenchSupport.log("[%s] starting %s (%s)", telemetry.name(), service, settings.root().relativize(jar));
            ManagedProcess process = ServiceProcess.start(jar, service, management.get(service), settings.serviceJvmOptions(),
                    config, dir.resolve(service), dir.resolve("logs/" + service + ".log"));
            CLEANUP.push(() -> process.stop(Duration.ofSeconds(20)));
            processes.put(service, process);
        }
        if (telemetry.full()) {
            processes.put("jaeger", jaegerProcess);
            Map<String, String> targets = new LinkedHashMap<>();
            management.forEach((service, port) -> targets.put(service, "127.0.0.1:" + port));
            // No rule files and no alerts: the alertmanager address is never called.
            PrometheusServer prometheus = PrometheusServer.start(FreePorts.next(), targets, List.of(), List.of(), "127.0.0.1:9",
                    Duration.ofSeconds(settings.scrapeSeconds()), dir.resolve("prometheus"), dir.resolve("logs/prometheus.log"));
            CLEANUP.push(prometheus::stop);
            processes.put("prometheus", prometheus.process());
        }
        return new Stack(processes, "http://127.0.0.1:" + http.get("booking-service"),
                "http://127.0.0.1:" + http.get("payment-service"), postgres, smtp);
    }

    private void createEvents(Stack stack) throws SQLException {
        try (Connection db = booking(stack); Statement statement = db.createStatement()) {
            // Large events, so that no step sells out: the system under test is the pipeline, not a seat counter.
            statement.executeUpdate("INSERT INTO events (id, name, venue, starts_at, price_cents, currency, capacity, seats_left) "
                    + "SELECT g, 'Bench event ' || g, 'Bench hall', '2027-06-01T20:00:00Z', 4000, 'EUR', 10000000, 10000000 "
                    + "FROM generate_series(" + FIRST_EVENT_ID + ", " + (FIRST_EVENT_ID + settings.events()) + ") g "
                    + "ON CONFLICT (id) DO NOTHING");
        }
    }

    private void setGateway(Stack stack, int latencyMs) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.paymentUrl() + "/admin/gateway"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (OperatorCredential.USER + ":" + OperatorCredential.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":" + latencyMs + ",\"jitterMs\":20,\"failureRate\":0.02}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT /admin/gateway answered " + response.statusCode() + ": " + response.body());
        }
        BenchSupport.log("gateway: latency %d ms, jitter 20 ms, failure rate 0.02", latencyMs);
    }

    private static Connection booking(Stack stack) throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl("booking"), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static Connection email(Stack stack) throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl("email"), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    // ---------------------------------------------------------------- one step

    private void step(Stack stack, Telemetry telemetry, int gatewayMs, String load, int rate, int seconds, boolean hot)
            throws Exception {
        awaitNoPending(stack);
        BenchSupport.log("[%s] gateway %d ms, %s: %d/s for %d s", telemetry.name(), gatewayMs, load, rate, seconds);
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long[] httpMicros = new long[total];
        int[] status = new int[total];
        Map<String, Long> intendedMicrosById = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong pendingMax = new AtomicLong();
        AtomicLong oldestPendingMax = new AtomicLong();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, long[]> cpuBefore = cpuTicks(stack);
        Map<String, Map<String, Long>> threadGroupsBefore = threadGroupTicks(stack);
        Map<String, Long> transactionsBefore = transactions(stack);
        Map<String, Long> rssMax = new ConcurrentHashMap<>();
        AtomicInteger samples = new AtomicInteger();
        var sampler = Executors.newSingleThreadScheduledExecutor();
        try (Connection db = booking(stack); PreparedStatement pending = db.prepareStatement(
                "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM bookings WHERE status = 'PENDING'")) {
            sampler.scheduleAtFixedRate(() -> {
                try (ResultSet rows = pending.executeQuery()) {
                    rows.next();
                    pendingMax.accumulateAndGet(rows.getLong(1), Math::max);
                    oldestPendingMax.accumulateAndGet(Math.round(rows.getDouble(2) * 1000), Math::max);
                } catch (SQLException e) {
                    System.err.println("pending sample: " + e);
                }
                rss(stack).forEach((name, kib) -> rssMax.merge(name, kib, Math::max));
                // GreenMail keeps every mail in its heap; emptied as we go, a 5-minute step does not fill it.
                if (samples.incrementAndGet() % 10 == 0) {
                    try {
                        stack.smtp().mailbox().purge();
                    } catch (RuntimeException e) {
                        // A failing sample must not end the sampling: the executor would drop the task.
                        System.err.println("mailbox purge: " + e);
                    }
                }
            }, 0, 1, TimeUnit.SECONDS);
            Instant wallStart = Instant.now();
            long startNanos = System.nanoTime();
            long startMicros = wallStart.getEpochSecond() * 1_000_000 + wallStart.getNano() / 1_000;
            for (int i = 0; i < total; i++) {
                long intended = startNanos + i * periodNanos;
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, 1_000_000));
                }
                // Too many unanswered requests: wait (the wait counts in their latency, measured from `intended`).
                while (inFlight.get() >= 4_000) {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
                int index = i;
                long intendedMicros = startMicros + i * periodNanos / 1_000;
                inFlight.incrementAndGet();
                client.sendAsync(bookingRequest(stack, hot), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    httpMicros[index] = (System.nanoTime() - intended) / 1_000;
                    if (error != null) {
                        status[index] = -1;
                    } else {
                        status[index] = response.statusCode();
                        if (response.statusCode() == 201) {
                            Matcher id = ID.matcher(response.body());
                            if (id.find()) {
                                intendedMicrosById.put(id.group(1), intendedMicros);
                            }
                        }
                    }
                    inFlight.decrementAndGet();
                });
            }
            long loadEndNanos = startNanos + total * periodNanos;
            while (System.nanoTime() < loadEndNanos) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            Map<String, long[]> cpuAfter = cpuTicks(stack);
            double measuredSeconds = (System.nanoTime() - startNanos) / 1e9;
            Instant windowEnd = wallStart.plusNanos(System.nanoTime() - startNanos);
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainSeconds());
            while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            Outcomes outcomes;
            while (true) {
                outcomes = outcomes(stack, intendedMicrosById, wallStart, windowEnd);
                if ((outcomes.settledTotal() >= intendedMicrosById.size() && outcomes.emailedTotal() >= outcomes.settledTotal())
                        || System.nanoTime() > drainDeadline) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
            // From the step's start until its bookings were settled and emailed (or the drain gave up): the
            // whole work of the step's bookings, however far behind the pipeline ran.
            Map<String, long[]> cpuDrained = cpuTicks(stack);
            Map<String, Map<String, Double>> threadGroupSeconds = secondsSince(threadGroupsBefore, threadGroupTicks(stack));
            Map<String, Long> transactionsDrained = transactions(stack);
            boolean drained = outcomes.settledTotal() >= intendedMicrosById.size() && outcomes.emailedTotal() >= outcomes.settledTotal();
            sampler.shutdownNow();
            // The sampler uses this connection: let its last sample finish before the connection closes.
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            long accepted = count(status, s -> s == 201);
            Map<String, double[]> cpuRss = new LinkedHashMap<>();
            cpuBefore.forEach((name, before) -> {
                long[] after = cpuAfter.getOrDefault(name, before);
                cpuRss.put(name, new double[] {(after[0] - before[0]) / (double) TICKS_PER_SECOND / measuredSeconds,
                        rssMax.getOrDefault(name, 0L) / 1024.0});
            });
            Step step = new Step(telemetry.name(), gatewayMs, load, rate, measuredSeconds, total, accepted,
                    count(status, s -> s == 503), count(status, s -> s == 429),
                    count(status, s -> s > 0 && s != 201 && s != 503 && s != 429), count(status, s -> s <= 0),
                    outcomes.settledInWindow(), outcomes.emailedInWindow(), outcomes.settledTotal(), outcomes.emailedTotal(),
                    outcomes.confirmedTotal(), outcomes.confirmMicros(), outcomes.emailMicros(), sorted(httpMicros, status),
                    pendingMax.get(), oldestPendingMax.get(), cpuRss, transactionsDrained.entrySet().stream().collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue() - transactionsBefore.getOrDefault(e.getKey(), e.getValue()),
                            (a, b) -> a, LinkedHashMap::new)),
                    cpuBefore.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            e -> (cpuDrained.getOrDefault(e.getKey(), e.getValue())[0] - e.getValue()[0]) / (double) TICKS_PER_SECOND,
                            (a, b) -> a, LinkedHashMap::new)), threadGroupSeconds, drained);
            steps.add(step);
            BenchSupport.log("  sent %d, accepted %.0f/s, 503 %.0f/s, settled %.0f/s, emailed %.0f/s; confirm p99 %s, email p99 %s; pending max %d, oldest %s",
                    total, step.rate(accepted), step.rate(step.refused503()), step.rate(step.settledInWindow()),
                    step.rate(step.emailedInWindow()), millis(percentile(step.confirmMicros(), 0.99)),
                    millis(percentile(step.emailMicros(), 0.99)), step.pendingMax(), millis(step.oldestPendingMillisMax() * 1000));
            BenchSupport.log("  JIT compiler CPU until drained: %s", threadGroupSeconds.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue().get(ProcessStats.JIT_COMPILER)))
                    .collect(Collectors.joining(", ")));
        } finally {
            sampler.shutdownNow();
            client.shutdownNow();
        }
        try {
            stack.smtp().mailbox().purge();
        } catch (RuntimeException e) {
            System.err.println("mailbox purge: " + e);
        }
    }

    /** Each step starts without the backlog of the one before (as far as it drains within BENCH_DRAIN_SECONDS). */
    private void awaitNoPending(Stack stack) throws SQLException, InterruptedException {
        awaitNoPending(stack, settings.drainSeconds());
    }

    private void awaitNoPending(Stack stack, int seconds) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (Connection db = booking(stack); Statement statement = db.createStatement()) {
            long pending;
            do {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM bookings WHERE status = 'PENDING'")) {
                    rows.next();
                    pending = rows.getLong(1);
                }
                if (pending == 0) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            } while (System.nanoTime() < deadline);
            BenchSupport.log("  %d bookings still PENDING from earlier steps after %d s; starting anyway", pending, seconds);
        }
    }

    private HttpRequest bookingRequest(Stack stack, boolean hot) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long event = hot ? FIRST_EVENT_ID : FIRST_EVENT_ID + 1 + random.nextInt(settings.events());
        // A bounded set of buyers: GreenMail makes a user and a mailbox for every new recipient and keeps them
        // (purging drops mail, not users), so 100,000 addresses made it cost 1-2 ms of CPU per mail, where a
        // relay's cost does not depend on who the mail is for; with 1,000 it costs about 0.2 ms.
        String body = "{\"eventId\":" + event + ",\"seats\":" + (1 + random.nextInt(2)) + ",\"buyerEmail\":\"buyer-"
                + random.nextInt(BUYERS) + "@example.com\",\"card\":{\"number\":\"4242424242424242\",\"expiry\":\"12/30\",\"cvc\":\"123\"}}";
        return HttpRequest.newBuilder(URI.create(stack.bookingUrl() + "/bookings")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-API-Key", "bench-client-" + random.nextInt(settings.clientKeys()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    record Outcomes(long settledInWindow, long emailedInWindow, long settledTotal, long emailedTotal, long confirmedTotal,
            long[] confirmMicros, long[] emailMicros) {
    }

    /** Settlement and email times of this step's bookings, read from the services' own tables. */
    private static Outcomes outcomes(Stack stack, Map<String, Long> intended, Instant windowStart, Instant windowEnd)
            throws SQLException {
        long startMicros = micros(windowStart);
        long endMicros = micros(windowEnd);
        String[] ids = intended.keySet().toArray(String[]::new);
        List<Long> confirm = new ArrayList<>();
        List<Long> email = new ArrayList<>();
        long settledInWindow = 0;
        long emailedInWindow = 0;
        long confirmed = 0;
        try (Connection db = booking(stack); PreparedStatement query = db.prepareStatement(
                "SELECT id::text, status, (extract(epoch FROM updated_at) * 1000000)::bigint FROM bookings "
                        + "WHERE id = ANY (?::uuid[]) AND status <> 'PENDING'")) {
            Array array = db.createArrayOf("text", ids);
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long at = rows.getLong(3);
                    confirm.add(at - intended.get(rows.getString(1)));
                    settledInWindow += at >= startMicros && at <= endMicros ? 1 : 0;
                    confirmed += rows.getString(2).equals("CONFIRMED") ? 1 : 0;
                }
            }
        }
        try (Connection db = email(stack); PreparedStatement query = db.prepareStatement(
                "SELECT booking_id::text, (extract(epoch FROM sent_at) * 1000000)::bigint FROM sent_emails "
                        + "WHERE booking_id = ANY (?::uuid[]) AND status = 'SENT'")) {
            query.setArray(1, db.createArrayOf("text", ids));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long at = rows.getLong(2);
                    email.add(at - intended.get(rows.getString(1)));
                    emailedInWindow += at >= startMicros && at <= endMicros ? 1 : 0;
                }
            }
        }
        return new Outcomes(settledInWindow, emailedInWindow, confirm.size(), email.size(), confirmed, sortedOf(confirm),
                sortedOf(email));
    }

    // ---------------------------------------------------------------- processes: CPU, RSS, profiles

    /**
     * Transactions committed or rolled back so far in each service's database (pg_stat_database; backends
     * report at most once a second, so a step's difference is right to about a second's worth).
     */
    private static Map<String, Long> transactions(Stack stack) {
        Map<String, Long> result = new LinkedHashMap<>();
        try (Connection db = booking(stack); Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT datname, xact_commit + xact_rollback FROM pg_stat_database WHERE datname IN ('booking', 'payment', 'email') "
                        + "ORDER BY datname")) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            System.err.println("pg_stat_database: " + e);
        }
        return result;
    }

    /** utime+stime (clock ticks) of each process and all its descendants (PostgreSQL forks a backend per connection). */
    private static Map<String, long[]> cpuTicks(Stack stack) {
        Map<Long, List<Long>> children = childrenByParent();
        Map<String, long[]> result = new LinkedHashMap<>();
        roots(stack).forEach((name, pid) -> result.put(name, new long[] {tree(pid, children).stream()
                .mapToLong(ProcessStats::cpuTicks).sum()}));
        return result;
    }

    /** CPU ticks per thread group (event loops, JIT compiler, GC...) of each of the three services. */
    private static Map<String, Map<String, Long>> threadGroupTicks(Stack stack) {
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        stack.processes().forEach((name, process) -> {
            if (name.endsWith("-service")) {
                result.put(name, ProcessStats.cpuTicksByThreadGroup(process.pid()));
            }
        });
        return result;
    }

    private static Map<String, Map<String, Double>> secondsSince(Map<String, Map<String, Long>> before,
            Map<String, Map<String, Long>> after) {
        Map<String, Map<String, Double>> result = new LinkedHashMap<>();
        after.forEach((name, groups) -> {
            Map<String, Double> seconds = new LinkedHashMap<>();
            groups.forEach((group, ticks) -> seconds.put(group,
                    (ticks - before.getOrDefault(name, Map.of()).getOrDefault(group, ticks)) / (double) TICKS_PER_SECOND));
            result.put(name, seconds);
        });
        return result;
    }

    private static Map<String, Long> rss(Stack stack) {
        Map<Long, List<Long>> children = childrenByParent();
        Map<String, Long> result = new LinkedHashMap<>();
        roots(stack).forEach((name, pid) -> result.put(name, tree(pid, children).stream().mapToLong(ProcessStats::rssKiB).sum()));
        return result;
    }

    private static Map<String, Long> roots(Stack stack) {
        Map<String, Long> roots = new LinkedHashMap<>();
        stack.processes().forEach((name, process) -> {
            roots.put(name, process.pid());
        });
        return roots;
    }

    private static List<Long> tree(long root, Map<Long, List<Long>> children) {
        List<Long> all = new ArrayList<>(List.of(root));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(children.getOrDefault(all.get(i), List.of()));
        }
        return all;
    }

    private static Map<Long, List<Long>> childrenByParent() {
        Map<Long, List<Long>> children = new HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> p.parent().ifPresent(parent ->
                children.computeIfAbsent(parent.pid(), k -> new ArrayList<>()).add(p.pid())));
        return children;
    }

    /** A JFR profile of each service in both modes alike, so that neither pays for profiling alone. */
    private Map<String, Path> startProfiles(Stack stack, Telemetry telemetry) {
        Map<String, Path> recordings = new LinkedHashMap<>();
        for (String service : List.of("booking-service", "payment-service", "email-service")) {
            Path file = settings.work().resolve(service + "-" + telemetry.name() + "-sustained.jfr");
            jcmd(stack.processes().get(service).pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + file);
            recordings.put(service + " (telemetry " + telemetry.name() + ")", file);
        }
        return recordings;
    }

    private void stopProfiles(Stack stack, Map<String, Path> recordings) throws IOException {
        for (var entry : recordings.entrySet()) {
            String service = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            jcmd(stack.processes().get(service).pid(), "JFR.stop", "name=bench");
            profiles.put(entry.getKey(), summarize(entry.getValue()));
        }
    }

    private static void jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                System.err.println("jcmd " + String.join(" ", command) + ": " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * As bench/jfr-compare.py: CPU samples (jdk.ExecutionSample) attributed to the first frame outside the
     * JDK, by package (three segments), plus the threads that take the samples, the hottest methods (the
     * sampled frame) and the project methods under which the samples fall.
     */
    private static String summarize(Path recording) throws IOException {
        Map<String, Integer> byPackage = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> bySelf = new HashMap<>();
        Map<String, Integer> byOurs = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            total++;
            String owner = "(JDK only)";
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String type = frame.getMethod().getType().getName();
                if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.") && !type.startsWith("com.sun.")) {
                    owner = Arrays.stream(type.split("\\.")).limit(3).collect(Collectors.joining("."));
                    break;
                }
            }
            byPackage.merge(owner, 1, Integer::sum);
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            bySelf.merge(frames.isEmpty() ? "?" : method(frames.get(0)), 1, Integer::sum);
            byOurs.merge(frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("io.zingtickets.")
                    || f.getMethod().getType().getName().startsWith("io.zingmonitor.")).findFirst()
                    .map(E2EBenchmark::method).orElse("(none)"), 1, Integer::sum);
            String thread = Optional.ofNullable(event.getThread("sampledThread")).map(t -> t.getJavaName()).orElse("?")
                    .replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-N-");
            byThread.merge(thread, 1, Integer::sum);
        }
        return total + " samples; by package: " + top(byPackage, total, 8) + "; by thread: " + top(byThread, total, 5)
                + "; hot methods (the sampled frame itself): " + top(bySelf, total, 8)
                + "; under our code (the nearest io.zingtickets or io.zingmonitor frame): " + top(byOurs, total, 8);
    }

    /** Class simple name and method: short enough for a report line, specific enough to find the code. */
    private static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static String top(Map<String, Integer> counts, int total, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(e -> "`" + e.getKey() + "` " + Math.round(100.0 * e.getValue() / Math.max(1, total)) + " %")
                .collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- report

    private String report() throws IOException {
        StringBuilder out = new StringBuilder("# Booking pipeline end to end: throughput, time to confirmation and email, cost of observability\n\n");
        if (settings.quick() || !settings.note().isEmpty()) {
            out.append("> **").append(settings.quick() ? "Quick harness check (BENCH_QUICK=1): short steps, not the benchmark. " : "")
                    .append(settings.note()).append("**\n\n");
        }
        out.append("Written by `").append(settings.command()).append("` (`bench/e2e.sh`, `bench/E2EBenchmark.java`) on ")
                .append(begin.truncatedTo(ChronoUnit.SECONDS)).append(", commit `").append(commit()).append("`; the run took ")
                .append(minutes(Duration.between(begin, Instant.now()))).append(" (without the builds).\n\n");
        out.append("Machine: ").append(machine()).append(".\n\n");
        out.append("""
                ## How it is measured
                - The whole pipeline runs on this machine, started by the harness on free ports: Kafka (12 partitions per topic), \
                PostgreSQL, an SMTP server (GreenMail), the three services from their Quarkus builds (%s each), and with full \
                telemetry Jaeger (OTLP) and Prometheus (scraping every service's /q/metrics as the full mode below says). OpenSearch and the log \
                shipper are not run: their cost is outside the services and they would crowd this 2-core machine.
                - `POST /bookings` is driven **open loop**: request *i* is sent at start + *i*/rate whatever earlier answers \
                did, from %d client keys (the rate limiter is per key), for 1,000 buyer addresses (GreenMail keeps a mailbox per \
                recipient, and its cost per mail grew fivefold with 100,000), over %d events with 10 million seats each (1 or 2 \
                seats per booking), except the row "one hot event", where every booking takes seats from the same event row. \
                The gateway is set through payment-service's `PUT /admin/gateway` (latency as in the table, jitter 20 ms, \
                failure rate 0.02, so about 2 %% of bookings end FAILED; they are settled and emailed too).
                - Every latency is measured **from the intended send time** (no coordinated omission). Booking→confirmation \
                is `bookings.updated_at` (set in the transaction that applies the payment outcome) minus the intended send \
                time; booking→email is email-service's `sent_emails.sent_at` (set when the SMTP server accepted the mail) \
                minus the intended send time. Both come from PostgreSQL on this machine's clock, and both exist with \
                telemetry off, so both modes are measured alike. Percentiles are exact over every booking of the step.
                - accepted/s, 503/s: answers 201 and 503 (admission control) during the step. settled/s, emailed/s: \
                bookings of this step settled (CONFIRMED or FAILED) or emailed **within** the step's window, divided by its \
                length; what finishes later (the harness waits up to %d s after each step) still counts in the latencies and \
                in "settled/emailed eventually". Pending max: `SELECT count(*) ... WHERE status = 'PENDING'` and the age of the oldest PENDING booking, sampled every second (admission control refuses above 2000 pending or 30 s oldest age by default).
                - CPU: utime+stime from /proc of each process and its children over the step, in cores (2 = the whole \
                machine); RSS: the largest VmRSS sampled in the step, MiB.
                - Telemetry modes: **full** = %s. **off** = %s.

                """.formatted(String.join(" ", settings.serviceJvmOptions()), settings.clientKeys(), settings.events(),
                settings.drainSeconds(), Telemetry.of("full").description().formatted(settings.scrapeSeconds()), Telemetry.of("off").description()));
        out.append(warmUpReport());
        out.append(targets());
        out.append("## Every step\n\n| telemetry | gateway | load | offered/s | accepted/s | 503/s | other non-201/s | settled/s | emailed/s "
                + "| settled / emailed eventually | booking→confirmation p50 / p99 / p99.9 | booking→email p50 / p99 / p99.9 "
                + "| POST p50 / p99 | pending max | oldest pending max |\n|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Step s : steps) {
            out.append(String.format(Locale.ROOT, "| %s | %d ms | %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %d / %d of %d | %s | %s | %s | %d | %s |%n",
                    s.telemetry(), s.gatewayMs(), s.load() + " (" + Math.round(s.seconds()) + " s)", s.offeredRate(),
                    s.rate(s.accepted()), s.rate(s.refused503()), s.rate(s.rateLimited429() + s.otherStatus() + s.clientErrors()),
                    s.rate(s.settledInWindow()), s.rate(s.emailedInWindow()), s.settledTotal(), s.emailedTotal(), s.accepted(),
                    triple(s.confirmMicros()), triple(s.emailMicros()),
                    millis(percentile(s.httpMicros(), 0.5)) + " / " + millis(percentile(s.httpMicros(), 0.99)), s.pendingMax(),
                    millis(s.oldestPendingMillisMax() * 1000)));
        }
        out.append("\n").append(cost());
        out.append("## CPU (cores) and RSS (MiB) per process\n\n");
        List<String> names = steps.stream().flatMap(s -> s.cpuCoresAndRssMiB().keySet().stream()).distinct().toList();
        out.append("| telemetry | gateway | load | offered/s | total CPU | ").append(String.join(" | ", names)).append(" |\n|---|---|---|--:|--:|")
                .append("--:|".repeat(names.size())).append("\n");
        for (Step s : steps) {
            double totalCpu = s.cpuCoresAndRssMiB().values().stream().mapToDouble(v -> v[0]).sum();
            out.append(String.format(Locale.ROOT, "| %s | %d ms | %s | %d | %.2f |", s.telemetry(), s.gatewayMs(), s.load(), s.offeredRate(), totalCpu));
            for (String name : names) {
                double[] v = s.cpuCoresAndRssMiB().get(name);
                out.append(v == null ? " – |" : String.format(Locale.ROOT, " %.2f / %.0f |", v[0], v[1]));
            }
            out.append("\n");
        }
        out.append("\n").append(perBooking(names));
        out.append("\n").append(jitAndGc());
        out.append("\n## Where the time goes\n\n").append(timeSplit());
        if (!profiles.isEmpty()) {
            out.append("\nJFR CPU profiles (`settings=profile`, started with `jcmd` for the sustained step only, in both modes, so no other row pays for them); "
                    + "samples attributed to the first frame outside the JDK, by package, as bench/jfr-compare.py does, then to the "
                    + "sampled method itself, and to the nearest frame of the project's own code:\n\n");
            profiles.forEach((service, summary) -> out.append("- **").append(service).append("**: ").append(summary).append("\n"));
        }
        out.append("\nWhat each process spends per booking, and what the profiles showed and changed: "
                + "[PIPELINE-PROFILE.md](PIPELINE-PROFILE.md); the seat reservation on one hot event row: [HOT-ROW.md](HOT-ROW.md).\n");
        out.append("\nLogs of the last run: `.run/bench-e2e/<telemetry>/logs/`.\n");
        return out.toString();
    }

    private String targets() {
        StringBuilder out = new StringBuilder("## Targets (issue #16, full telemetry)\n\n| target | measured | verdict |\n|---|---|---|\n");
        int first = settings.gatewayLatencies().get(0);
        Optional<Step> sustained = steps.stream().filter(s -> s.telemetry().equals("full") && s.load().equals("sustained")).findFirst();
        out.append("| ≥ 500 bookings/s confirmed and emailed, sustained 5 min, gateway 50 ms | ");
        out.append(sustained.map(s -> String.format(Locale.ROOT, "%.0f/s settled, %.0f/s emailed over %.0f s at %d/s offered (gateway %d ms)",
                s.rate(s.settledInWindow()), s.rate(s.emailedInWindow()), s.seconds(), s.offeredRate(), s.gatewayMs())).orElse("not run"));
        out.append(" | ").append(sustained.map(s -> verdict(Math.min(s.rate(s.settledInWindow()), s.rate(s.emailedInWindow())), 500)
                + (s.seconds() < 299 ? " (only " + Math.round(s.seconds()) + " s, not 5 min)" : "")).orElse("not measured")).append(" |\n");
        Optional<Step> best500 = steps.stream().filter(s -> s.telemetry().equals("full") && s.gatewayMs() == 500 && !s.load().equals("one hot event"))
                .max((a, b) -> Double.compare(Math.min(a.rate(a.settledInWindow()), a.rate(a.emailedInWindow())),
                        Math.min(b.rate(b.settledInWindow()), b.rate(b.emailedInWindow()))));
        out.append("| ≥ 200 bookings/s confirmed and emailed, gateway 500 ms | ").append(best500.map(s -> String.format(Locale.ROOT,
                "best step: %.0f/s settled, %.0f/s emailed (%s, %d/s offered)", s.rate(s.settledInWindow()), s.rate(s.emailedInWindow()),
                s.load(), s.offeredRate())).orElse("not run")).append(" | ").append(best500.map(s -> verdict(
                        Math.min(s.rate(s.settledInWindow()), s.rate(s.emailedInWindow())), 200)).orElse("not measured")).append(" |\n");
        Optional<Step> at200 = steps.stream().filter(s -> s.telemetry().equals("full") && s.gatewayMs() == first && s.load().equals("fixed")
                && s.offeredRate() == 200).findFirst();
        out.append("| booking→email p99 ≤ 2 s at 200/s (gateway ").append(first).append(" ms) | ")
                .append(at200.map(s -> "p99 " + millis(percentile(s.emailMicros(), 0.99)) + ", " + s.emailedTotal() + " of " + s.accepted() + " emailed")
                        .orElse("no 200/s step in this run")).append(" | ")
                .append(at200.map(s -> s.emailedTotal() < s.accepted() ? "missed: " + (s.accepted() - s.emailedTotal()) + " never emailed within the drain"
                        : percentile(s.emailMicros(), 0.99) <= 2_000_000 ? "met" : String.format(Locale.ROOT, "missed by %.2f s",
                                (percentile(s.emailMicros(), 0.99) - 2_000_000) / 1e6)).orElse("not measured")).append(" |\n");
        long pendingMax = steps.stream().mapToLong(Step::pendingMax).max().orElse(0);
        out.append("| pending bookings never above the admission bound (").append(settings.admissionBound()).append(") at any rate | max ")
                .append(pendingMax).append(" (all steps, both modes) | ").append(pendingMax <= settings.admissionBound() ? "met"
                        : "missed by " + (pendingMax - settings.admissionBound())).append(" |\n");
        out.append("| observability cost ≤ 10 % of throughput | ").append(costSummary()).append(" |\n\n");
        return out.toString();
    }

    private static String verdict(double measured, double target) {
        return measured >= target ? "met" : String.format(Locale.ROOT, "missed by %.0f/s (%.0f %%)", target - measured, 100 * (target - measured) / target);
    }

    /**
     * The sustained steps side by side judge the cost: what the whole system settles and emails per second in five
     * minutes of steady state with everything on, against everything off, each stage on its own. The short saturation steps are listed too,
     * but read with care: each begins with whatever backlog the step before left, which differs between the modes.
     */
    private String costSummary() {
        List<String> parts = new ArrayList<>();
        String verdict = "not measured (needs both modes)";
        Optional<Step> sustainedFull = find("full", settings.gatewayLatencies().get(0), "sustained");
        Optional<Step> sustainedOff = find("off", settings.gatewayLatencies().get(0), "sustained");
        if (sustainedFull.isPresent() && sustainedOff.isPresent()) {
            Step full = sustainedFull.get();
            Step off = sustainedOff.get();
            // Judged stage by stage, on the larger cost: a slower stage common to both modes (the email side, so far)
            // would otherwise hide what telemetry costs the stages before it.
            double settledCost = 1 - full.rate(full.settledInWindow()) / off.rate(off.settledInWindow());
            double emailedCost = 1 - full.rate(full.emailedInWindow()) / off.rate(off.emailedInWindow());
            double cost = Math.max(settledCost, emailedCost);
            parts.add(String.format(Locale.ROOT, "sustained %d/s for %.0f s (gateway %d ms): settled %.0f/s full vs %.0f/s off (cost %.1f %%), "
                    + "emailed %.0f/s vs %.0f/s (cost %.1f %%)", full.offeredRate(), full.seconds(), full.gatewayMs(),
                    full.rate(full.settledInWindow()), off.rate(off.settledInWindow()), 100 * settledCost,
                    full.rate(full.emailedInWindow()), off.rate(off.emailedInWindow()), 100 * emailedCost));
            verdict = Double.isNaN(cost) || Double.isInfinite(cost) ? "not measured (nothing settled or emailed with telemetry off)"
                    : cost <= 0.10 ? "met" : String.format(Locale.ROOT, "missed by %.1f points (judged on the larger of the two costs)",
                            100 * cost - 10);
        }
        for (int gateway : settings.gatewayLatencies()) {
            Optional<Step> full = find("full", gateway, "saturation");
            Optional<Step> off = find("off", gateway, "saturation");
            if (full.isPresent() && off.isPresent()) {
                double on = Math.min(full.get().rate(full.get().settledInWindow()), full.get().rate(full.get().emailedInWindow()));
                double without = Math.min(off.get().rate(off.get().settledInWindow()), off.get().rate(off.get().emailedInWindow()));
                if (without <= 0) {
                    parts.add("gateway " + gateway + " ms at saturation: nothing settled and emailed within the step with telemetry off");
                    continue;
                }
                double cost = 1 - on / without;
                parts.add(String.format(Locale.ROOT, "gateway %d ms at saturation: %.0f/s full vs %.0f/s off (settled and emailed), cost %.1f %%",
                        gateway, on, without, 100 * cost));
            }
        }
        return (parts.isEmpty() ? "not measured" : String.join("; ", parts)) + " | " + verdict;
    }

    private Optional<Step> find(String telemetry, int gateway, String load) {
        return steps.stream().filter(s -> s.telemetry().equals(telemetry) && s.gatewayMs() == gateway && s.load().equals(load)).findFirst();
    }

    /** Every step run in both modes, side by side: throughput, and CPU per settled booking. */
    private String cost() {
        StringBuilder out = new StringBuilder("## Observability cost, side by side\n\n| gateway | load | offered/s | settled/s full / off | emailed/s full / off "
                + "| CPU (cores) full / off | CPU ms per settled booking full / off | ratio |\n|---|---|--:|--:|--:|--:|--:|--:|\n");
        for (Step full : steps) {
            if (!full.telemetry().equals("full")) {
                continue;
            }
            steps.stream().filter(s -> s.telemetry().equals("off") && s.gatewayMs() == full.gatewayMs() && s.load().equals(full.load())
                    && s.offeredRate() == full.offeredRate()).findFirst().ifPresent(off -> {
                        double cpuFull = full.cpuCoresAndRssMiB().values().stream().mapToDouble(v -> v[0]).sum();
                        double cpuOff = off.cpuCoresAndRssMiB().values().stream().mapToDouble(v -> v[0]).sum();
                        boolean settled = full.settledInWindow() > 0 && off.settledInWindow() > 0;
                        double perFull = 1000 * cpuFull / Math.max(1e-9, full.rate(full.settledInWindow()));
                        double perOff = 1000 * cpuOff / Math.max(1e-9, off.rate(off.settledInWindow()));
                        out.append(String.format(Locale.ROOT, "| %d ms | %s | %d | %.0f / %.0f | %.0f / %.0f | %.2f / %.2f | %s | %s |%n",
                                full.gatewayMs(), full.load(), full.offeredRate(), full.rate(full.settledInWindow()), off.rate(off.settledInWindow()),
                                full.rate(full.emailedInWindow()), off.rate(off.emailedInWindow()), cpuFull, cpuOff,
                                settled ? String.format(Locale.ROOT, "%.2f / %.2f", perFull, perOff) : "– (nothing settled in a window)",
                                settled ? String.format(Locale.ROOT, "%.2f×", perFull / perOff) : "–"));
                    });
        }
        return out.append("\nratio = CPU per settled booking with full telemetry / with telemetry off (all processes of the stack).\n\n").toString();
    }

    /**
     * What one booking costs each process, which stays comparable when the machine's other load changes
     * the rates: CPU time from the step's start until its bookings were settled and emailed, divided by
     * the bookings settled, and database transactions per booking.
     */
    private String perBooking(List<String> names) {
        List<String> databases = steps.stream().flatMap(s -> s.transactions().keySet().stream()).distinct().toList();
        StringBuilder out = new StringBuilder("## CPU ms and database transactions per booking, per process\n\n"
                + "CPU time of each process from the step's start until every booking of the step was settled and emailed "
                + "(the whole work of those bookings, however far behind the pipeline ran), divided by the bookings settled; "
                + "transactions committed or rolled back in each service's database over the same time per settled booking "
                + "(pg_stat_database, reported by backends about once a second; the harness's few queries included). Both "
                + "include what runs anyway (timers, scrapes, the backlog count twice a second), a small share at these rates. "
                + "Rows marked * did not drain within " + settings.drainSeconds() + " s (the work of bookings still in flight is "
                + "counted, not their number, so those rows read high).\n\n"
                + "| telemetry | gateway | load | offered/s | bookings settled | total | " + String.join(" | ", names)
                + (databases.isEmpty() ? "" : " | " + databases.stream().map(d -> "tx/booking " + d).collect(Collectors.joining(" | ")))
                + " |\n|---|---|---|--:|--:|--:|" + "--:|".repeat(names.size() + databases.size()) + "\n");
        for (Step s : steps) {
            if (s.settledTotal() == 0) {
                continue;
            }
            double settled = s.settledTotal();
            double total = s.cpuSecondsUntilDrained().values().stream().mapToDouble(Double::doubleValue).sum();
            out.append(String.format(Locale.ROOT, "| %s | %d ms | %s | %d | %d%s | %.2f |", s.telemetry(), s.gatewayMs(), s.load(),
                    s.offeredRate(), s.settledTotal(), s.drained() ? "" : " *", 1000 * total / settled));
            for (String name : names) {
                Double cpu = s.cpuSecondsUntilDrained().get(name);
                out.append(cpu == null ? " – |" : String.format(Locale.ROOT, " %.2f |", 1000 * cpu / settled));
            }
            for (String database : databases) {
                Long count = s.transactions().get(database);
                out.append(count == null ? " – |" : String.format(Locale.ROOT, " %.1f |", count / settled));
            }
            out.append("\n");
        }
        return out.toString();
    }

    private String warmUpReport() {
        if (warmUps.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("## Warm-up\n\nBefore the first step, each mode runs " + settings.warmupSeconds()
                + " s at 100/s, then " + JIT_WARMUP_RATE + "/s in " + JIT_WARMUP_SLICE_SECONDS + " s slices until the three "
                + "services' JIT compilers (C1 and C2 threads) use less than " + JIT_QUIET_CORES + " cores over a slice, at most "
                + settings.jitWarmupMaxSeconds() + " s: what a freshly started JVM spends compiling is paid once, not by "
                + "the first steps. No step below includes it.\n\n| telemetry | warm-up | JIT CPU over it, per service | "
                + "JIT in its last slice | quiet |\n|---|--:|---|--:|---|\n");
        for (WarmUp w : warmUps) {
            out.append(String.format(Locale.ROOT, "| %s | %.0f s | %s | %s | %s |%n", w.telemetry(), w.seconds(),
                    w.jitSeconds().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f s", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", ")),
                    Double.isNaN(w.lastSliceJitCores()) ? "–" : String.format(Locale.ROOT, "%.2f cores", w.lastSliceJitCores()),
                    w.quiet() ? "yes" : Double.isNaN(w.lastSliceJitCores()) ? "not waited for" : "no (the limit came first)"));
        }
        return out.append("\n").toString();
    }

    /**
     * Of each service's CPU per booking, what went to compiling code (C1 and C2 compiler threads) and to
     * collecting garbage: a JVM that is still compiling its hot paths pays for it in every process's
     * figures, which is what a start-up stall looks like from outside.
     */
    private String jitAndGc() {
        List<String> services = steps.stream().flatMap(s -> s.threadGroupSecondsUntilDrained().keySet().stream()).distinct().toList();
        StringBuilder out = new StringBuilder("## JIT compilation and garbage collection per booking, per service\n\n"
                + "CPU ms per settled booking of each service's C1/C2 compiler threads (JIT) and of its GC and VM threads, "
                + "over the same time as the table above (/proc/<pid>/task/<tid>/stat), with the JIT's share of the "
                + "service's CPU.\n\n| telemetry | gateway | load | offered/s | "
                + services.stream().map(n -> n + " JIT (share) / GC").collect(Collectors.joining(" | "))
                + " |\n|---|---|---|--:|" + "--:|".repeat(services.size()) + "\n");
        for (Step s : steps) {
            if (s.settledTotal() == 0) {
                continue;
            }
            double settled = s.settledTotal();
            out.append(String.format(Locale.ROOT, "| %s | %d ms | %s | %d |", s.telemetry(), s.gatewayMs(), s.load(), s.offeredRate()));
            for (String name : services) {
                Map<String, Double> groups = s.threadGroupSecondsUntilDrained().get(name);
                Double cpu = s.cpuSecondsUntilDrained().get(name);
                if (groups == null || cpu == null || cpu <= 0) {
                    out.append(" – |");
                    continue;
                }
                double jit = groups.getOrDefault(ProcessStats.JIT_COMPILER, 0.0);
                out.append(String.format(Locale.ROOT, " %.2f (%.0f %%) / %.2f |", 1000 * jit / settled, 100 * jit / cpu,
                        1000 * groups.getOrDefault(ProcessStats.GC_AND_VM, 0.0) / settled));
            }
            out.append("\n");
        }
        return out.toString();
    }

    /** Medians of the two stages: booking→confirmation, and confirmation→email (the difference of the two p50s). */
    private String timeSplit() {
        StringBuilder out = new StringBuilder("| telemetry | gateway | load | offered/s | booking→confirmation p50 | confirmation→email p50 (difference of p50s) | busiest service (CPU) |\n|---|---|---|--:|--:|--:|---|\n");
        for (Step s : steps) {
            long confirm = percentile(s.confirmMicros(), 0.5);
            long email = percentile(s.emailMicros(), 0.5);
            String busiest = s.cpuCoresAndRssMiB().entrySet().stream().max((a, b) -> Double.compare(a.getValue()[0], b.getValue()[0]))
                    .map(e -> String.format(Locale.ROOT, "%s %.2f cores", e.getKey(), e.getValue()[0])).orElse("?");
            out.append(String.format(Locale.ROOT, "| %s | %d ms | %s | %d | %s | %s | %s |%n", s.telemetry(), s.gatewayMs(), s.load(),
                    s.offeredRate(), millis(confirm), confirm < 0 || email < 0 ? "–" : millis(email - confirm), busiest));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- small helpers

    private String commit() {
        String head = exec("git", "log", "-1", "--format=%h %s");
        return head + (exec("git", "status", "--porcelain").isBlank() ? "" : " with uncommitted changes");
    }

    private String machine() throws IOException {
        String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        long memKiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB RAM, JDK %s (%s); load average at the end %s",
                Runtime.getRuntime().availableProcessors(), model, memKiB / 1024.0 / 1024.0, System.getProperty("java.version"),
                System.getProperty("java.vendor"), Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0]
                        + " " + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[1]);
    }

    private String exec(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(settings.root().toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static long count(int[] status, java.util.function.IntPredicate predicate) {
        return Arrays.stream(status).filter(predicate).count();
    }

    /** HTTP latencies of the requests that got an answer. */
    private static long[] sorted(long[] micros, int[] status) {
        List<Long> answered = new ArrayList<>();
        for (int i = 0; i < micros.length; i++) {
            if (status[i] > 0) {
                answered.add(micros[i]);
            }
        }
        return sortedOf(answered);
    }

    private static long[] sortedOf(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    private static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static String triple(long[] sorted) {
        return millis(percentile(sorted, 0.5)) + " / " + millis(percentile(sorted, 0.99)) + " / " + millis(percentile(sorted, 0.999));
    }

    private static String millis(long micros) {
        if (micros < 0) {
            return "–";
        }
        return micros >= 10_000_000 ? String.format(Locale.ROOT, "%.0f s", micros / 1e6)
                : micros >= 1_000_000 ? String.format(Locale.ROOT, "%.2f s", micros / 1e6)
                        : String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }
}
