import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;

import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.KafkaBroker;
import io.zingtickets.infra.ManagedProcess;
import io.zingtickets.infra.PidFile;
import io.zingtickets.infra.PostgresServer;
import io.zingtickets.infra.ProcessStats;

/**
 * The overhead benchmark of issue #4 ({@code make bench-overhead}): booking-service as packaged, three
 * ways on one machine in one run, against real Kafka and PostgreSQL started here on free ports.
 * <ul>
 * <li>{@code zingmonitor}: the normal build, ZingMonitor on;</li>
 * <li>{@code disabled}: a build with {@code -Dzingmonitor.enabled=false} (a build-time switch), the baseline;</li>
 * <li>{@code otel-agent}: the disabled build with the OpenTelemetry Java agent, Quarkus's own OTel SDK off.</li>
 * </ul>
 * Per round and mode: a fresh database, start the JVM, time until the first 200 from {@code GET /events},
 * warm up, measure the saturation throughput (wrk, closed loop), then latency at a fixed request rate,
 * then RSS. Modes are interleaved and their order rotates per round; the report holds medians over the
 * rounds and every single run. Everything started here is stopped on exit, Ctrl-C and failure.
 *
 * <p>Run by {@code bench/overhead.sh}, which builds the two variants and fetches the tools, as a
 * single-file source program on the infra module's classpath. Settings come from {@code BENCH_*}
 * environment variables (see {@link Settings}).
 */
public final class OverheadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the harness started, stopped in reverse order exactly once: at the end, on failure, on Ctrl-C. */
    private static final Deque<Runnable> CLEANUP = new ArrayDeque<>();

    /** Set when Ctrl-C (or a kill) has started the shutdown hook: failures after that are its consequence. */
    private static volatile boolean interrupted;

    /**
     * From the environment, with defaults: {@code BENCH_ROUNDS} (3), {@code BENCH_WARMUP_SECONDS} (45),
     * {@code BENCH_SATURATION_SECONDS} (30), {@code BENCH_FIXED_RATE_SECONDS} (30), {@code BENCH_SATURATION_CONNECTIONS}
     * (16), {@code BENCH_FIXED_RATE_CONNECTIONS} (32), {@code BENCH_FIXED_RATE} (200 requests/s in total),
     * {@code BENCH_WRK_THREADS} (2), {@code BENCH_SCRAPE_SECONDS} (10), {@code BENCH_JVM_OPTIONS} ("-Xms64m -Xmx256m", as
     * {@code make run}), {@code BENCH_MODES} ("zingmonitor,disabled,otel-agent"; also known: "zingmonitor-every-request"), {@code BENCH_JFR} (1 = a JFR CPU
     * profile per run in .run/bench/logs), {@code BENCH_OUTPUT} (bench/RESULTS.md), {@code BENCH_LOAD} (0 = start-up only,
     * {@code make bench-startup}: no load, 10 rounds of "zingmonitor,disabled" by default, each start printing Quarkus's
     * time per start-up step, written to bench/STARTUP.md). The jars, wrk and the agent
     * come from bench/overhead.sh.
     */
    record Settings(Path root, Path work, Path output, int rounds, int warmupSeconds, int saturationSeconds,
            int fixedRateSeconds, int saturationConnections, int fixedRateConnections, int fixedRate, int wrkThreads,
            int scrapeSeconds, List<String> jvmOptions, List<String> modes, Path enabledJar, Path disabledJar, Path agentJar,
            String agentVersion, Path wrk, Path wrkLibraries, boolean jfr, boolean load, String command) {

        static Settings fromEnvironment(Path root) {
            boolean load = !BenchSupport.env("BENCH_LOAD", "1").equals("0");
            return new Settings(root, root.resolve(".run/bench"),
                    Path.of(BenchSupport.env("BENCH_OUTPUT", root.resolve(load ? "bench/RESULTS.md" : "bench/STARTUP.md").toString())).toAbsolutePath(),
                    intEnv("BENCH_ROUNDS", load ? 3 : 10), intEnv("BENCH_WARMUP_SECONDS", 45), intEnv("BENCH_SATURATION_SECONDS", 30),
                    intEnv("BENCH_FIXED_RATE_SECONDS", 30), intEnv("BENCH_SATURATION_CONNECTIONS", 16),
                    intEnv("BENCH_FIXED_RATE_CONNECTIONS", 32), intEnv("BENCH_FIXED_RATE", 200), intEnv("BENCH_WRK_THREADS", 2),
                    intEnv("BENCH_SCRAPE_SECONDS", 10), List.of(BenchSupport.env("BENCH_JVM_OPTIONS", "-Xms64m -Xmx256m").trim().split("\\s+")),
                    List.of(BenchSupport.env("BENCH_MODES", load ? "zingmonitor,disabled,otel-agent" : "zingmonitor,disabled").split(",")),
                    Path.of(required("BENCH_ENABLED_JAR")), Path.of(required("BENCH_DISABLED_JAR")),
                    Path.of(required("BENCH_AGENT_JAR")), required("BENCH_AGENT_VERSION"), Path.of(required("BENCH_WRK")),
                    Path.of(required("BENCH_WRK_LIBRARIES")), BenchSupport.env("BENCH_JFR", "0").equals("1"), load,
                    BenchSupport.env("BENCH_COMMAND", load ? "make bench-overhead" : "make bench-startup"));
        }

        /** wrk keeps {@code fixedRateConnections} connections, each pausing so that together they send {@code fixedRate}/s. */
        int fixedRatePauseMillis() {
            return Math.max(1, Math.round(1000f * fixedRateConnections / fixedRate));
        }
    }

    /** One way of running booking-service. */
    record Mode(String name, String description, Path jar, List<String> jvmArguments, Map<String, String> config,
            boolean zingMonitorExpected) {
    }

    /** One wrk phase, as its Lua script reports it. */
    record WrkResult(long requests, double seconds, long non2xx, long socketErrors, double p50Ms, double p90Ms, double p99Ms,
            double p999Ms, double maxMs) {

        double throughput() {
            return requests / seconds;
        }
    }

    /** Everything measured in one run of one mode. */
    record Run(int round, String mode, double startupSeconds, double quarkusStartedSeconds, int warmupSeconds, WrkResult saturation, WrkResult fixedRate,
            double cpuMsPerRequestSaturation, Map<String, Double> cpuMsPerRequestByThreads, double cpuMsPerRequestFixedRate, long rssKiB, long hwmKiB, long bookingsStored,
            long otlpBytes, Map<String, Long> stepMillis, String log) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Settings settings = Settings.fromEnvironment(root);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interrupted = true;
            cleanUp();
        }, "bench-cleanup"));
        try {
            new OverheadBenchmark(settings).run();
        } catch (Exception | Error e) {
            if (interrupted) {
                System.err.println("Interrupted: stopped what the benchmark started; no report written.");
            } else {
                System.err.println("Benchmark failed: " + e);
                e.printStackTrace();
            }
            cleanUp();
            System.exit(1);
        }
        cleanUp();
        System.exit(0);
    }

    private final Settings settings;
    private final Map<String, AtomicLong> otlpBytes = new ConcurrentHashMap<>();

    OverheadBenchmark(Settings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        Instant started = Instant.now();
        Machine before = Machine.observe();
        System.out.printf("Load average before: %s%n", before.loadAverage());
        stopLeftovers();
        BenchSupport.deleteRecursively(settings.work().resolve("data"));
        Path logs = settings.work().resolve("logs");
        Files.createDirectories(logs);

        int otlpPort = startOtlpSink();
        System.out.println("Starting Kafka and PostgreSQL on free ports...");
        KafkaBroker kafka = KafkaBroker.start(FreePorts.next(), FreePorts.next(), settings.work().resolve("data/kafka"),
                logs.resolve("kafka.log"));
        track("kafka", kafka.process());
        PostgresServer postgres = PostgresServer.start(FreePorts.next(), settings.work().resolve("data/postgres"),
                logs.resolve("postgres.log"), List.of());
        track("postgres", postgres.process());

        Map<String, Mode> modes = modes(otlpPort);
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            List<String> order = rotate(settings.modes(), round - 1);
            for (String name : order) {
                Mode mode = modes.get(name);
                if (mode == null) {
                    throw new IllegalArgumentException("Unknown mode " + name + "; known: " + modes.keySet());
                }
                Run run = runOnce(round, mode, kafka, postgres, logs);
                runs.add(run);
                Files.writeString(settings.work().resolve("runs.json"), JSON.writeValueAsString(runs));
            }
        }
        Machine after = Machine.observe();
        Duration took = Duration.between(started, Instant.now());
        String report = (settings.load() ? Report.markdown(settings, modes, runs, before, after, started, took)
                : Report.startupMarkdown(settings, modes, runs, before, after, started, took))
                + Report.keptNotes(settings.output());
        Files.createDirectories(settings.output().getParent());
        Files.writeString(settings.output(), report);
        System.out.println();
        System.out.println(Report.verdictTable(runs));
        System.out.printf("Wrote %s in %d min %d s (raw runs: %s)%n", settings.root().relativize(settings.output()),
                took.toMinutes(), took.toSecondsPart(), settings.root().relativize(settings.work().resolve("runs.json")));
    }

    private Map<String, Mode> modes(int otlpPort) {
        String otlp = "http://127.0.0.1:" + otlpPort;
        // Both exporters speak OTLP over HTTP to the same sink, so export costs are alike.
        Map<String, String> quarkusOtel = Map.of("quarkus.otel.exporter.otlp.endpoint", otlp,
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf");
        Map<String, Mode> modes = new LinkedHashMap<>();
        modes.put("zingmonitor", new Mode("zingmonitor", "ZingMonitor on (the normal build)", settings.enabledJar(), List.of(),
                quarkusOtel, true));
        // Not in the default run: what the access log costs when it writes every request, not the default
        // 10 lines a second and 1 % of the rest.
        Map<String, String> everyRequest = new LinkedHashMap<>(quarkusOtel);
        everyRequest.put("zingmonitor.request-log.success-sample-rate", "1");
        modes.put("zingmonitor-every-request", new Mode("zingmonitor-every-request", "ZingMonitor on, logging every "
                + "successful request (zingmonitor.request-log.success-sample-rate=1; default 10/s, then 0.01)", settings.enabledJar(),
                List.of(), everyRequest, true));
        modes.put("disabled", new Mode("disabled", "built with -Dzingmonitor.enabled=false (baseline)",
                settings.disabledJar(), List.of(), quarkusOtel, false));
        modes.put("otel-agent", new Mode("otel-agent", "disabled build + OpenTelemetry Java agent " + settings.agentVersion()
                + " (Quarkus's OTel SDK off)", settings.disabledJar(),
                List.of("-javaagent:" + settings.agentJar(), "-Dotel.service.name=booking-service",
                        "-Dotel.exporter.otlp.endpoint=" + otlp, "-Dotel.exporter.otlp.protocol=http/protobuf"),
                // The agent replaces Quarkus's tracing; both at once would trace every request twice.
                Map.of("quarkus.otel.sdk.disabled", "true"), false));
        return modes;
    }

    private Run runOnce(int round, Mode mode, KafkaBroker kafka, PostgresServer postgres, Path logs) throws Exception {
        String database = ("bench_r" + round + "_" + mode.name()).replace('-', '_');
        postgres.createDatabases(List.of(database));
        int httpPort = FreePorts.next();
        int managementPort = FreePorts.next();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.management.host", "127.0.0.1");
        config.put("quarkus.http.port", Integer.toString(httpPort));
        config.put("quarkus.management.port", Integer.toString(managementPort));
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // One load generator is one client: the per-client limiter would answer most requests with 429.
        // Every path excluded (run time); the limiter itself is a build-time switch, on in the built service.
        config.put("zingmonitor.rate-limit.excluded-paths", "/");
        // No payment-service settles the bookings here, so admission control would soon answer every POST with
        // 503 (the bench measures the HTTP path, not the pipeline's bound).
        config.put("zingtickets.backlog.admission.enabled", "false");
        config.putAll(mode.config());

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions());
        command.addAll(mode.jvmArguments());
        Path log = logs.resolve("booking-" + mode.name() + "-r" + round + ".log");
        if (!settings.load()) {
            command.add("-Dquarkus.debug.print-startup-times=true"); // Quarkus's time per start-up step, in the log
        }
        if (settings.jfr()) {
            // A CPU profile per run, for finding where a gap comes from (`jfr view hot-methods <file>`).
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + logs.resolve("booking-" + mode.name() + "-r" + round + ".jfr"));
        }
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", mode.jar().toString()));

        Files.deleteIfExists(log);
        System.out.printf("%n[round %d/%d] %s: starting %s%n", round, settings.rounds(), mode.name(), mode.description());
        otlpBytes.clear();
        long startNanos = System.nanoTime();
        ManagedProcess service = ManagedProcess.start("booking-service-" + mode.name(), command,
                settings.work().resolve("data/service"), log, Map.of());
        Runnable stop = track("booking-service", service);
        try {
            String api = "http://127.0.0.1:" + httpPort;
            String management = "http://127.0.0.1:" + managementPort;
            double startup = awaitFirstOk(service, api + "/events", startNanos);
            System.out.printf("  first 200 after %.2f s%n", startup);
            awaitStatus(service, management + "/q/health/ready", 200, Duration.ofSeconds(90));
            checkMode(mode, management, log);
            if (!settings.load()) {
                long[] memory = memoryKiB(service.pid());
                return new Run(round, mode.name(), startup, quarkusStartedIn(log), 0, null, null, Double.NaN, Map.of(),
                        Double.NaN, memory[0], memory[1], 0, 0, startupStepMillis(log), settings.root().relativize(log).toString());
            }
            addSeats(postgres, database);

            ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
            // Prometheus would scrape every mode; so does the benchmark, during the load.
            scraper.scheduleAtFixedRate(() -> status(management + "/q/metrics"), settings.scrapeSeconds(),
                    settings.scrapeSeconds(), TimeUnit.SECONDS);
            try {
                int warmedUp = warmUp(api, service.pid(), logs, mode, round);
                long cpu0 = cpuMillis(service.pid());
                Map<String, Long> threads0 = cpuMillisByThreadGroup(service.pid());
                WrkResult saturation = wrk(api, settings.saturationConnections(), settings.saturationSeconds(), 0, logs, mode,
                        round, "saturation");
                long cpu1 = cpuMillis(service.pid());
                Map<String, Long> threads1 = cpuMillisByThreadGroup(service.pid());
                Map<String, Double> byThreads = new LinkedHashMap<>();
                threads1.forEach((group, ms) -> byThreads.put(group,
                        (double) (ms - threads0.getOrDefault(group, 0L)) / saturation.requests()));
                System.out.printf("  saturation: %.0f req/s, p99 %.2f ms%n", saturation.throughput(), saturation.p99Ms());
                WrkResult fixedRate = wrk(api, settings.fixedRateConnections(), settings.fixedRateSeconds(),
                        settings.fixedRatePauseMillis(), logs, mode, round, "fixed-rate");
                long cpu2 = cpuMillis(service.pid());
                System.out.printf("  fixed rate: %.0f req/s, p99 %.2f ms%n", fixedRate.throughput(), fixedRate.p99Ms());
                long[] memory = memoryKiB(service.pid());
                long bookings = countBookings(postgres, database);
                for (WrkResult phase : List.of(saturation, fixedRate)) {
                    if (phase.non2xx() > 0 || phase.socketErrors() > 0) {
                        throw new IllegalStateException(mode.name() + ": " + phase.non2xx() + " non-2xx answers and "
                                + phase.socketErrors() + " socket errors under load; see " + log);
                    }
                }
                return new Run(round, mode.name(), startup, quarkusStartedIn(log), warmedUp, saturation, fixedRate,
                        (double) (cpu1 - cpu0) / saturation.requests(), byThreads, (double) (cpu2 - cpu1) / fixedRate.requests(),
                        memory[0], memory[1], bookings, otlpBytes.values().stream().mapToLong(AtomicLong::get).sum(),
                        Map.of(), settings.root().relativize(log).toString());
            } finally {
                scraper.shutdownNow();
            }
        } finally {
            stop.run();
            synchronized (CLEANUP) {
                CLEANUP.remove(stop);
            }
        }
    }

    // ---- measurements ----

    /**
     * Load at saturation in slices of {@code BENCH_WARMUP_SECONDS}/3 until the JIT compiler is quiet (under 5 % of the
     * service's CPU in the last slice), at least two slices and at most five: a time-only warm-up leaves a mode
     * still compiling when a busy machine starves it, and that compile time would be charged to its requests.
     */
    private int warmUp(String api, long pid, Path logs, Mode mode, int round) throws IOException, InterruptedException {
        int slice = Math.max(1, settings.warmupSeconds() / 3);
        int seconds = 0;
        for (int i = 1; i <= 5; i++) {
            Map<String, Long> before = cpuMillisByThreadGroup(pid);
            wrk(api, settings.saturationConnections(), slice, 0, logs, mode, round, "warmup-" + i);
            seconds += slice;
            Map<String, Long> after = cpuMillisByThreadGroup(pid);
            long total = after.keySet().stream().mapToLong(g -> after.get(g) - before.getOrDefault(g, 0L)).sum();
            double jitShare = (double) (after.get(ProcessStats.JIT_COMPILER) - before.get(ProcessStats.JIT_COMPILER)) / Math.max(1, total);
            System.out.printf("  warm-up %d s, JIT compiler %.0f %% of the service's CPU%n", seconds, 100 * jitShare);
            if (i >= 2 && jitShare < 0.05) {
                break;
            }
        }
        return seconds;
    }

    /** Seconds from starting the JVM to the first 200 from the public API (polled every 10 ms). */
    private static double awaitFirstOk(ManagedProcess process, String url, long startNanos) throws InterruptedException {
        long deadline = startNanos + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited during start-up:\n" + process.tail());
            }
            if (status(url) == 200) {
                return (System.nanoTime() - startNanos) / 1e9;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(process.name() + " answered no 200 within 180 s:\n" + process.tail());
    }

    private static void awaitStatus(ManagedProcess process, String url, int expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(url) == expected) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited:\n" + process.tail());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(url + " did not answer " + expected + " within " + timeout + ":\n" + process.tail());
    }

    /** What Quarkus itself reports as its start time ("started in 1.234s"): the part after the JVM and agent are up. */
    private static double quarkusStartedIn(Path log) throws IOException {
        java.util.regex.Matcher started = java.util.regex.Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
        return started.find() ? Double.parseDouble(started.group(1)) : Double.NaN;
    }

    /** Quarkus's "Build step X completed in: N ms" lines ({@code quarkus.debug.print-startup-times}), summed per step. */
    private static Map<String, Long> startupStepMillis(Path log) throws IOException {
        java.util.regex.Matcher step = java.util.regex.Pattern.compile("Build step (\\S+) completed in: (\\d+)ms")
                .matcher(Files.readString(log));
        Map<String, Long> steps = new java.util.TreeMap<>();
        while (step.find()) {
            steps.merge(step.group(1), Long.parseLong(step.group(2)), Long::sum);
        }
        return steps;
    }

    /** Refuses to measure a mode that is not what it claims: ZingMonitor's endpoint and the agent's banner. */
    private static void checkMode(Mode mode, String management, Path log) throws IOException {
        int plan = status(management + "/q/zingmonitor");
        if ((plan == 200) != mode.zingMonitorExpected()) {
            throw new IllegalStateException(mode.name() + ": /q/zingmonitor answered " + plan + ", so ZingMonitor is "
                    + (plan == 200 ? "on" : "off") + " in a build meant to have it " + (mode.zingMonitorExpected() ? "on" : "off"));
        }
        boolean agent = Files.readString(log).contains("opentelemetry-javaagent");
        if (agent != mode.jvmArguments().stream().anyMatch(a -> a.startsWith("-javaagent:"))) {
            throw new IllegalStateException(mode.name() + ": the OpenTelemetry agent's banner is " + (agent ? "" : "not ")
                    + "in " + log);
        }
    }

    private WrkResult wrk(String api, int connections, int seconds, int pauseMillis, Path logs, Mode mode, int round,
            String phase) throws IOException, InterruptedException {
        Path out = logs.resolve("wrk-" + mode.name() + "-r" + round + "-" + phase + ".txt");
        List<String> command = List.of(settings.wrk().toString(), "-t", Integer.toString(Math.min(settings.wrkThreads(), connections)),
                "-c", Integer.toString(connections), "-d", seconds + "s", "--timeout", "10s", "--latency",
                "-s", settings.root().resolve("bench/booking-mix.lua").toString(), api, "--", Integer.toString(pauseMillis));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("LD_LIBRARY_PATH", settings.wrkLibraries().toString());
        Process wrk = builder.start();
        Runnable stop = () -> wrk.destroyForcibly();
        synchronized (CLEANUP) {
            CLEANUP.push(stop);
        }
        try {
            if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wrk did not finish; see " + out);
            }
        } finally {
            stop.run();
            synchronized (CLEANUP) {
                CLEANUP.remove(stop);
            }
        }
        String line = Files.readAllLines(out).stream().filter(l -> l.startsWith("BENCH_JSON ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result; see " + out));
        JsonNode json = JSON.readTree(line.substring("BENCH_JSON ".length()));
        return new WrkResult(json.get("requests").asLong(), json.get("duration_us").asDouble() / 1e6,
                json.get("errors_status").asLong(), json.get("errors_connect").asLong() + json.get("errors_read").asLong()
                        + json.get("errors_write").asLong() + json.get("errors_timeout").asLong(),
                json.get("p50_us").asDouble() / 1e3, json.get("p90_us").asDouble() / 1e3, json.get("p99_us").asDouble() / 1e3,
                json.get("p999_us").asDouble() / 1e3, json.get("latency_max_us").asDouble() / 1e3);
    }

    /** User plus system CPU time of a process in milliseconds (clock ticks of 10 ms on Linux). */
    private static long cpuMillis(long pid) {
        return ProcessStats.cpuTicks(pid) * 10;
    }

    /** CPU time per thread group in milliseconds (clock ticks of 10 ms). */
    private static Map<String, Long> cpuMillisByThreadGroup(long pid) {
        Map<String, Long> millis = new LinkedHashMap<>();
        ProcessStats.cpuTicksByThreadGroup(pid).forEach((group, ticks) -> millis.put(group, ticks * 10));
        return millis;
    }

    /** VmRSS and VmHWM (peak RSS) in KiB. */
    private static long[] memoryKiB(long pid) {
        return new long[] { ProcessStats.rssKiB(pid), ProcessStats.peakRssKiB(pid) };
    }

    /**
     * The demo data's 150,000 seats of events 1 and 2 are fewer than a quiet machine books in one run (a fifth of all
     * requests are bookings); sold out, bookings would answer 409 and the run would measure something else. Flyway has
     * created the schema by the first 200.
     */
    private static void addSeats(PostgresServer postgres, String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE events SET capacity = capacity + 10000000, seats_left = seats_left + 10000000"
                    + " WHERE id IN (1, 2)");
        }
    }

    /** The POSTs really booked: a check that the mix did what it says, not only that it got 2xx. */
    private static long countBookings(PostgresServer postgres, String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM bookings")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static int status(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    // ---- the things started here ----

    /**
     * A stand-in OTLP/HTTP receiver: answers every export with 200 and an empty (valid) protobuf response
     * and counts the bytes, so every mode pays for serialising and sending its telemetry, no mode pays
     * for retries against a missing collector, and no collector's own cost lands on the machine.
     */
    private int startOtlpSink() throws IOException {
        int port = FreePorts.next();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            long bytes = exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
            otlpBytes.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicLong()).addAndGet(bytes);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "otlp-sink");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        synchronized (CLEANUP) {
            CLEANUP.push(() -> server.stop(0));
        }
        return port;
    }

    /** Registers a started process for clean-up, and writes a pid file so a killed harness's leftovers are stopped next time. */
    private Runnable track(String name, ManagedProcess process) {
        PidFile pid = new PidFile(settings.work().resolve("pids").resolve(name + ".pid"));
        pid.write(process);
        Runnable stop = () -> {
            process.stop(Duration.ofSeconds(20));
            pid.stop(Duration.ofSeconds(1));
        };
        synchronized (CLEANUP) {
            CLEANUP.push(stop);
        }
        return stop;
    }

    private void stopLeftovers() throws IOException {
        Path pids = settings.work().resolve("pids");
        if (Files.isDirectory(pids)) {
            try (var files = Files.list(pids)) {
                for (Path file : files.toList()) {
                    if (new PidFile(file).stop(Duration.ofSeconds(20))) {
                        System.out.println("Stopped a leftover of an earlier run: " + file.getFileName());
                    }
                }
            }
        }
    }

    static void cleanUp() {
        while (true) {
            Runnable next;
            synchronized (CLEANUP) {
                next = CLEANUP.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                System.err.println("Clean-up step failed: " + e);
            }
        }
    }

    // ---- helpers ----

    static <T> List<T> rotate(List<T> list, int by) {
        List<T> rotated = new ArrayList<>(list);
        java.util.Collections.rotate(rotated, -(by % list.size()));
        return rotated;
    }

    static int intEnv(String name, int fallback) {
        return Integer.parseInt(BenchSupport.env(name, Integer.toString(fallback)));
    }

    static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the benchmark through bench/overhead.sh (make bench-overhead)");
        }
        return value;
    }

    static String exec(String... command) {
        return exec(Map.of(), command);
    }

    static String exec(Map<String, String> environment, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            process.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "(" + String.join(" ", command) + " failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** What the machine looked like: for the report, since the numbers mean little without it. */
    record Machine(Instant at, String loadAverage, String busiest, String commit) {

        static Machine observe() throws InterruptedException {
            String load;
            try {
                load = String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")).subList(0, 3));
            } catch (IOException e) {
                load = "unknown";
            }
            // Read at the start: the harness is compiled then, so later edits do not change what is measured.
            String commit = exec("git", "rev-parse", "--short", "HEAD")
                    + (exec("git", "status", "--porcelain", "--untracked-files=no").isEmpty() ? "" : " with uncommitted changes");
            return new Machine(Instant.now(), load, busiest(8), commit);
        }

        /** The processes using most CPU over a 2-second sample (not ps's lifetime average), with what they are. */
        static String busiest(int count) throws InterruptedException {
            Map<Long, Long> first = cpuTicks();
            Thread.sleep(2000);
            Map<Long, Long> second = cpuTicks();
            return second.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - first.getOrDefault(e.getKey(), e.getValue())))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(count)
                    // clock ticks of 10 ms over 2 s: ticks / 2 = percent of one core
                    .map(e -> fmt("%5.0f %%  %s", e.getValue() / 2.0, describe(e.getKey())))
                    .collect(Collectors.joining("\n"));
        }

        private static Map<Long, Long> cpuTicks() {
            Map<Long, Long> ticks = new LinkedHashMap<>();
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(proc.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(Long.parseLong(proc.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ticks;
        }

        /** A short name: for a JVM its main class or jar (not its classpath), plus its working directory. */
        private static String describe(long pid) {
            try {
                String[] args = Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0");
                String cwd = Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")).toString();
                String program = Path.of(args[0]).getFileName().toString();
                StringBuilder what = new StringBuilder(program);
                if (program.equals("java")) {
                    for (int i = 1; i < args.length; i++) {
                        if (args[i].equals("-cp") || args[i].equals("-classpath") || args[i].equals("--class-path")) {
                            i++;
                        } else if (args[i].equals("-jar") && i + 1 < args.length) {
                            what.append(" -jar ").append(args[i + 1]);
                            break;
                        } else if (!args[i].startsWith("-")) {
                            what.append(' ').append(String.join(" ", List.of(args).subList(i, Math.min(args.length, i + 4))));
                            break;
                        }
                    }
                } else {
                    what.append(' ').append(String.join(" ", List.of(args).subList(1, Math.min(args.length, 4))));
                }
                String text = what.toString();
                return (text.length() > 110 ? text.substring(0, 110) + "…" : text) + "  (in " + cwd + ")";
            } catch (IOException | RuntimeException e) {
                return "pid " + pid;
            }
        }
    }

    // ---- the report ----

    static final class Report {

        private Report() {
        }

        static double median(List<Run> runs, String mode, ToDoubleFunction<Run> metric) {
            double[] values = runs.stream().filter(r -> r.mode().equals(mode)).mapToDouble(metric).sorted().toArray();
            if (values.length == 0) {
                return Double.NaN;
            }
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }

        record Metric(String name, String unit, ToDoubleFunction<Run> value, String format) {
        }

        /** A metric of a load phase; NaN for a start-up-only run, which has none. */
        static ToDoubleFunction<Run> onLoad(java.util.function.Function<Run, WrkResult> phase, ToDoubleFunction<WrkResult> metric) {
            return run -> phase.apply(run) == null ? Double.NaN : metric.applyAsDouble(phase.apply(run));
        }

        static final List<Metric> METRICS = List.of(
                new Metric("Throughput at saturation", "req/s", r -> r.saturation().throughput(), "%.0f"),
                new Metric("p99 latency at saturation", "ms", r -> r.saturation().p99Ms(), "%.2f"),
                new Metric("p50 latency at fixed rate", "ms", r -> r.fixedRate().p50Ms(), "%.2f"),
                new Metric("p99 latency at fixed rate", "ms", r -> r.fixedRate().p99Ms(), "%.2f"),
                new Metric("Achieved fixed rate", "req/s", r -> r.fixedRate().throughput(), "%.0f"),
                new Metric("Start to first 200", "s", Run::startupSeconds, "%.2f"),
                new Metric("Quarkus's own \"started in\"", "s", Run::quarkusStartedSeconds, "%.2f"),
                new Metric("RSS after load (VmRSS)", "MiB", r -> r.rssKiB() / 1024.0, "%.0f"),
                new Metric("Peak RSS (VmHWM)", "MiB", r -> r.hwmKiB() / 1024.0, "%.0f"),
                new Metric("Service CPU per request at saturation", "ms", Run::cpuMsPerRequestSaturation, "%.3f"),
                new Metric("… of which event-loop threads", "ms", r -> r.cpuMsPerRequestByThreads().get(ProcessStats.EVENT_LOOPS), "%.3f"),
                new Metric("… of which JIT compiler threads", "ms", r -> r.cpuMsPerRequestByThreads().get(ProcessStats.JIT_COMPILER), "%.3f"),
                new Metric("… of which GC and VM threads", "ms", r -> r.cpuMsPerRequestByThreads().get(ProcessStats.GC_AND_VM), "%.3f"),
                new Metric("… of which other threads (Kafka, workers…)", "ms", r -> r.cpuMsPerRequestByThreads().get(ProcessStats.OTHER_THREADS), "%.3f"),
                new Metric("Service CPU per request at fixed rate", "ms", Run::cpuMsPerRequestFixedRate, "%.3f"),
                new Metric("Telemetry exported (OTLP)", "KiB/run", r -> r.otlpBytes() / 1024.0, "%.0f"));

        record Target(String name, String measured, boolean pass) {
        }

        static List<Target> targets(List<Run> runs) {
            List<Target> targets = new ArrayList<>();
            ToDoubleFunction<Run> throughput = onLoad(Run::saturation, WrkResult::throughput);
            ToDoubleFunction<Run> p99 = onLoad(Run::fixedRate, WrkResult::p99Ms);
            double thrZ = median(runs, "zingmonitor", throughput);
            double thrD = median(runs, "disabled", throughput);
            double thrA = median(runs, "otel-agent", throughput);
            double p99Z = median(runs, "zingmonitor", p99);
            double p99D = median(runs, "disabled", p99);
            double p99A = median(runs, "otel-agent", p99);
            double upZ = median(runs, "zingmonitor", Run::startupSeconds);
            double upD = median(runs, "disabled", Run::startupSeconds);
            double upA = median(runs, "otel-agent", Run::startupSeconds);
            double rssZ = median(runs, "zingmonitor", r -> r.rssKiB() / 1024.0);
            double rssD = median(runs, "disabled", r -> r.rssKiB() / 1024.0);
            double rssA = median(runs, "otel-agent", r -> r.rssKiB() / 1024.0);
            // Without load (make bench-startup) only start-up is judged: the RSS target is about memory after load.
            boolean loaded = !Double.isNaN(thrZ);
            if (!Double.isNaN(upD)) {
                if (loaded) {
                    targets.add(new Target("Throughput ≥ 95 % of disabled", fmt("%.1f %% (%.0f vs %.0f req/s)", 100 * thrZ / thrD,
                            thrZ, thrD), thrZ >= 0.95 * thrD));
                    targets.add(new Target("Added p99 ≤ 1 ms (fixed rate)", fmt("%+.2f ms (%.2f vs %.2f ms)", p99Z - p99D, p99Z,
                            p99D), p99Z - p99D <= 1.0));
                }
                targets.add(new Target("Start-up ≤ 110 % of disabled", fmt("%.1f %% (%.2f vs %.2f s)", 100 * upZ / upD, upZ, upD),
                        upZ <= 1.10 * upD));
                if (loaded) {
                    targets.add(new Target("RSS ≤ disabled + 40 MiB", fmt("%+.0f MiB (%.0f vs %.0f MiB)", rssZ - rssD, rssZ, rssD),
                            rssZ - rssD <= 40));
                }
            }
            if (!Double.isNaN(upA)) {
                if (loaded) {
                    targets.add(new Target("Throughput better than the agent", fmt("%.0f vs %.0f req/s", thrZ, thrA), thrZ > thrA));
                    targets.add(new Target("p99 better than the agent (fixed rate)", fmt("%.2f vs %.2f ms", p99Z, p99A), p99Z < p99A));
                }
                targets.add(new Target("Start-up better than the agent", fmt("%.2f vs %.2f s", upZ, upA), upZ < upA));
                if (loaded) {
                    targets.add(new Target("RSS better than the agent", fmt("%.0f vs %.0f MiB", rssZ, rssA), rssZ < rssA));
                }
            }
            return targets;
        }

        /** A hand-written section at the end of the report (an analysis of the numbers) survives re-runs. */
        static final String NOTES_HEADING = "## Notes (hand-written; kept when the benchmark rewrites this file)";

        static String keptNotes(Path report) throws IOException {
            if (!Files.exists(report)) {
                return "";
            }
            String previous = Files.readString(report);
            int notes = previous.indexOf(NOTES_HEADING);
            return notes < 0 ? "" : "\n" + previous.substring(notes);
        }

        static String verdictTable(List<Run> runs) {
            StringBuilder out = new StringBuilder("| Target (issue #4) | Measured (medians, ZingMonitor vs other) | Result |\n|---|---|---|\n");
            for (Target target : targets(runs)) {
                out.append("| ").append(target.name()).append(" | ").append(target.measured()).append(" | ")
                        .append(target.pass() ? "pass" : "**FAIL**").append(" |\n");
            }
            return out.toString();
        }

        /** Title, how the report was written, and the verdict. */
        static String heading(String title, Settings s, List<Run> runs, Machine before, Instant started, Duration took) {
            return "# " + title + "\n\nWritten by `" + s.command() + "` (`bench/overhead.sh`, `bench/OverheadBenchmark.java`) on "
                    + DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + ", commit `"
                    + before.commit() + "`. The whole run took " + took.toMinutes() + " min " + took.toSecondsPart()
                    + " s (without the builds). Medians over " + s.rounds() + (s.rounds() == 1 ? " round.\n\n" : " rounds.\n\n")
                    + "## Verdict\n\n" + verdictTable(runs) + '\n';
        }

        static String markdown(Settings s, Map<String, Mode> modes, List<Run> runs, Machine before, Machine after,
                Instant started, Duration took) {
            List<String> modeNames = s.modes();
            StringBuilder md = new StringBuilder();
            md.append(heading("booking-service overhead: ZingMonitor vs. disabled vs. the OpenTelemetry Java agent", s, runs, before,
                    started, took));
            double cpuZ = median(runs, "zingmonitor", Run::cpuMsPerRequestSaturation);
            double cpuD = median(runs, "disabled", Run::cpuMsPerRequestSaturation);
            double loopZ = median(runs, "zingmonitor", r -> r.cpuMsPerRequestByThreads().get(ProcessStats.EVENT_LOOPS));
            double loopD = median(runs, "disabled", r -> r.cpuMsPerRequestByThreads().get(ProcessStats.EVENT_LOOPS));
            if (!Double.isNaN(cpuZ) && !Double.isNaN(cpuD)) {
                md.append(fmt("Not a target, but less sensitive to other load than throughput: the service's CPU time per "
                        + "request at saturation is %.0f µs with ZingMonitor and %.0f µs without (%+.0f %%); on the event-loop "
                        + "threads alone, where requests are handled (no JIT, no GC), %.0f vs %.0f µs (%+.0f µs, %+.0f %%).%n%n",
                        cpuZ * 1000, cpuD * 1000, 100 * (cpuZ - cpuD) / cpuD, loopZ * 1000, loopD * 1000, (loopZ - loopD) * 1000,
                        100 * (loopZ - loopD) / loopD));
            }
            md.append("## Medians per metric and mode\n\n| Metric | ");
            modeNames.forEach(m -> md.append(m).append(" | "));
            md.append("\n|---|");
            modeNames.forEach(m -> md.append("---:|"));
            md.append('\n');
            for (Metric metric : METRICS) {
                md.append("| ").append(metric.name()).append(" (").append(metric.unit()).append(") | ");
                for (String mode : modeNames) {
                    md.append(fmt(metric.format(), median(runs, mode, metric.value()))).append(" | ");
                }
                md.append('\n');
            }
            md.append("\n## Every run\n\n| Round | Mode | Start (s) | Warm-up (s) | Sat. req/s | Sat. p99 (ms) | Fixed req/s | Fixed p50 (ms) "
                    + "| Fixed p99 (ms) | Fixed p99.9 (ms) | RSS (MiB) | HWM (MiB) | CPU ms/req (sat.) | Bookings stored |\n"
                    + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Run r : runs) {
                md.append(fmt("| %d | %s | %.2f | %d | %.0f | %.2f | %.0f | %.2f | %.2f | %.2f | %.0f | %.0f | %.3f | %d |%n", r.round(),
                        r.mode(), r.startupSeconds(), r.warmupSeconds(), r.saturation().throughput(), r.saturation().p99Ms(),
                        r.fixedRate().throughput(), r.fixedRate().p50Ms(), r.fixedRate().p99Ms(), r.fixedRate().p999Ms(),
                        r.rssKiB() / 1024.0, r.hwmKiB() / 1024.0, r.cpuMsPerRequestSaturation(), r.bookingsStored()));
            }
            md.append("\n## How it was measured\n\n");
            md.append("- **Modes.** ");
            modes.values().stream().filter(m -> modeNames.contains(m.name()))
                    .forEach(m -> md.append("`").append(m.name()).append("`: ").append(m.description()).append("; "));
            md.append("all run `quarkus-run.jar` with `").append(String.join(" ", s.jvmOptions()))
                    .append("` on the JDK below. Before measuring, each run checks that `/q/zingmonitor` answers only in the "
                            + "ZingMonitor mode and that the agent's banner is in the agent mode's log.\n");
            md.append("- **Infrastructure.** Real Kafka and PostgreSQL started by the benchmark (the `infra/` launchers) on free "
                    + "loopback ports; a fresh database per run, its events 1 and 2 given 10 million more seats each so that no run sells out. Telemetry goes "
                    + "over OTLP/HTTP to a receiver in the harness that accepts and discards it (Quarkus's exporter and the "
                    + "agent's alike). `/q/metrics` is scraped every ").append(s.scrapeSeconds())
                    .append(" s during the load in every mode, as Prometheus would. The service logs its ECS JSON lines to "
                            + "stdout only, as in the cluster, and the harness writes them to a file.\n");
            md.append("- **Rate limiter** off (every path in `zingmonitor.rate-limit.excluded-paths`, a run-time setting): wrk is a single "
                    + "client, which the per-client limiter would mostly answer with 429.\n");
            md.append("- **Load.** ").append(exec(Map.of("LD_LIBRARY_PATH", s.wrkLibraries().toString()), s.wrk().toString(), "-v")
                    .lines().findFirst().orElse("").replaceAll(" Copyright.*", "").trim())
                    .append(" on loopback with `bench/booking-mix.lua`: per 10 requests, 4 × `GET /events`, 4 × `GET /events/{id}`, "
                            + "2 × `POST /bookings` (1 seat, 201 expected). Any non-2xx answer or socket error fails the run. ");
            md.append(fmt("Warm-up at %d connections in slices of %d s until the JIT compiler uses under 5 %% of the service's "
                    + "CPU (at least 2, at most 5 slices; the seconds used are in the table of runs), then **saturation**: %d s, %d threads, %d connections, closed loop "
                    + "(throughput, and its p99, which is mostly queueing); then **fixed rate**: %d s, %d connections each pausing "
                    + "%d ms after a response, about %d req/s in total, well below saturation, so p99 shows the time added to a "
                    + "request rather than queueing. The p99 target is judged at the fixed rate.\n", s.saturationConnections(),
                    Math.max(1, s.warmupSeconds() / 3), s.saturationSeconds(), s.wrkThreads(), s.saturationConnections(),
                    s.fixedRateSeconds(), s.fixedRateConnections(), s.fixedRatePauseMillis(), s.fixedRate()));
            md.append("- **Start-up**: from starting the JVM to the first 200 from `GET /events` (polled every 10 ms), "
                    + "including Flyway's migration of the fresh database. **RSS**: `VmRSS` and `VmHWM` from "
                    + "`/proc/<pid>/status` right after the load. **CPU per request**: the service's user+system CPU time "
                    + "(`/proc/<pid>/stat`) over a phase, divided by its requests; it is less sensitive to other load on the "
                    + "machine than throughput.\n");
            md.append("- **Order.** Modes interleaved, starting one later each round (round 1: ").append(String.join(", ", modeNames))
                    .append("); medians over rounds. Logs of every run and wrk's full output are in `.run/bench/logs/`.\n\n");
            md.append(machineSection(started, before, after));
            return md.toString();
        }

        /** The machine the run had and what else ran on it, before and after. */
        static String machineSection(Instant started, Machine before, Machine after) {
            StringBuilder md = new StringBuilder();
            md.append("## Machine\n\n");
            md.append("- CPU: ").append(exec("bash", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-").trim())
                    .append(", `nproc` = ").append(exec("nproc")).append('\n');
            md.append("- Memory (`free -h`):\n\n```\n").append(exec("free", "-h")).append("\n```\n\n");
            md.append("- JDK: ").append(System.getProperty("java.vm.vendor")).append(' ')
                    .append(System.getProperty("java.runtime.version")).append("; kernel ").append(exec("uname", "-r")).append('\n');
            md.append("- Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(started.atOffset(ZoneOffset.UTC))).append('\n');
            md.append("\n## Other load on the machine\n\n");
            md.append("Load average (1, 5, 15 min) before: ").append(before.loadAverage()).append("; after: ")
                    .append(after.loadAverage()).append(". The busiest processes (CPU %, command) just before:\n\n```\n")
                    .append(before.busiest()).append("\n```\n\nand just after:\n\n```\n").append(after.busiest()).append("\n```\n");
            return md.toString();
        }

        static String startupMarkdown(Settings s, Map<String, Mode> modes, List<Run> runs, Machine before, Machine after,
                Instant started, Duration took) {
            List<String> modeNames = s.modes();
            StringBuilder md = new StringBuilder();
            md.append(heading("booking-service start-up: ZingMonitor vs. disabled", s, runs, before, started, took));
            md.append("## Medians per mode\n\n| Metric | ");
            modeNames.forEach(m -> md.append(m).append(" | "));
            md.append("\n|---|");
            modeNames.forEach(m -> md.append("---:|"));
            md.append('\n');
            for (Metric metric : List.of(new Metric("Start to first 200", "s", Run::startupSeconds, "%.2f"),
                    new Metric("Quarkus's own \"started in\"", "s", Run::quarkusStartedSeconds, "%.2f"),
                    new Metric("Start-up steps summed", "ms", Report::stepsSummed, "%.0f"),
                    new Metric("RSS when ready (VmRSS)", "MiB", r -> r.rssKiB() / 1024.0, "%.0f"))) {
                md.append("| ").append(metric.name()).append(" (").append(metric.unit()).append(") | ");
                for (String mode : modeNames) {
                    md.append(fmt(metric.format(), median(runs, mode, metric.value()))).append(" | ");
                }
                md.append('\n');
            }
            md.append("\n## Every run\n\n| Round | Mode | Start to first 200 (s) | \"started in\" (s) | Steps summed (ms) | RSS (MiB) |\n"
                    + "|---:|---|---:|---:|---:|---:|\n");
            for (Run r : runs) {
                md.append(fmt("| %d | %s | %.2f | %.2f | %.0f | %.0f |%n", r.round(), r.mode(), r.startupSeconds(),
                        r.quarkusStartedSeconds(), stepsSummed(r), r.rssKiB() / 1024.0));
            }
            if (modeNames.contains("zingmonitor") && modeNames.contains("disabled")) {
                md.append("\n## The start-up steps that differ most\n\n");
                md.append("Quarkus's time per start-up step (`quarkus.debug.print-startup-times`; a step missing in a build counts 0), "
                        + "medians over the rounds; the 15 steps whose medians differ most between the two builds. Steps can run in "
                        + "parallel, so their sum is more than the start-up time.\n\n");
                md.append("| Step | zingmonitor (ms) | disabled (ms) | difference (ms) |\n|---|---:|---:|---:|\n");
                java.util.Set<String> steps = new java.util.TreeSet<>();
                runs.forEach(r -> steps.addAll(r.stepMillis().keySet()));
                Map<String, double[]> medians = new LinkedHashMap<>();
                steps.forEach(step -> medians.put(step, new double[] {
                        median(runs, "zingmonitor", r -> r.stepMillis().getOrDefault(step, 0L)),
                        median(runs, "disabled", r -> r.stepMillis().getOrDefault(step, 0L)) }));
                medians.entrySet().stream()
                        .sorted(java.util.Comparator.comparingDouble(e -> -Math.abs(e.getValue()[0] - e.getValue()[1])))
                        .limit(15)
                        .forEach(e -> md.append(fmt("| `%s` | %.0f | %.0f | %+.0f |%n", e.getKey(), e.getValue()[0],
                                e.getValue()[1], e.getValue()[0] - e.getValue()[1])));
            }
            md.append("\n## How it was measured\n\n- **Modes.** ");
            modes.values().stream().filter(m -> modeNames.contains(m.name()))
                    .forEach(m -> md.append("`").append(m.name()).append("`: ").append(m.description()).append("; "));
            md.append("all run `quarkus-run.jar` with `").append(String.join(" ", s.jvmOptions()))
                    .append(" -Dquarkus.debug.print-startup-times=true` on the JDK below.\n");
            md.append("- **Infrastructure.** Real Kafka and PostgreSQL started by the benchmark on free loopback ports, the same "
                    + "for every run; a fresh database per run, which Flyway migrates during start-up. No load: each run is "
                    + "started, measured and stopped before the next.\n");
            md.append("- **Start-up**: from starting the JVM to the first 200 from `GET /events` (polled every 10 ms); "
                    + "**RSS**: `VmRSS` once the readiness check answers 200.\n");
            md.append("- **Order.** Modes interleaved, starting one later each round (round 1: ").append(String.join(", ", modeNames))
                    .append("); medians over rounds. Logs of every run are in `.run/bench/logs/`.\n\n");
            md.append(machineSection(started, before, after));
            return md.toString();
        }

        static double stepsSummed(Run run) {
            return run.stepMillis().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
