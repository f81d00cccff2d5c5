package io.zingtickets.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.zingtickets.infra.AlertmanagerServer;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.JaegerServer;
import io.zingtickets.infra.LogShipper;
import io.zingtickets.infra.ManagedProcess;
import io.zingtickets.infra.OpenSearchNode;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.infra.Tools;
import io.zingtickets.infra.ZipkinServer;

/**
 * The system as `make run` shows it, on free ports: the three services with everything around them: Jaeger
 * receiving every span and copying it to Zipkin's UI, Prometheus scraping every service with the committed rules and sending to Alertmanager
 * (on-call mail to the system's SMTP server, chat to a webhook recorder), and the services' JSON log files
 * shipped to OpenSearch by the log shipper, which Prometheus scrapes too (the log-shipping rules watch it). The
 * test classes that look at the telemetry share one, started once per test run ({@link SharedSystem}): each start
 * costs about a minute of `make test`'s budget.
 */
final class ObservedSystem implements AutoCloseable {

    /** The payment gateway's simulated latency; a test that changes the gateway puts this back. */
    static final int GATEWAY_LATENCY_MS = 20;
    /** Small, so a tracing outage fills it within a few bookings. */
    static final int SPAN_QUEUE = 64;

    final RunningSystem system;
    final AlertingStack alerting;
    final PrometheusServer prometheus;
    final AlertmanagerServer alertmanager;
    final OpenSearchNode openSearch;
    final ManagedProcess shipper;
    private final int[] jaegerPorts = { FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next() };
    /** Replaced when a test restarts the tracing backend. */
    private volatile JaegerServer jaeger;
    /** The trace viewer `make run` prints: Zipkin's UI over every span Jaeger receives. */
    private volatile ZipkinServer zipkin;

    /** The rule files Prometheus loads, given the run's folder (where generated ones may be written). */
    interface RuleFiles {
        List<Path> in(Path runDir) throws IOException;
    }

    /** Work done on the running services before Prometheus first scrapes them. */
    interface BeforeMonitoring {
        void run(RunningSystem system) throws Exception;
    }

    /** As `make run` has it, with the committed rules. */
    ObservedSystem() throws Exception {
        this(Map.of(), runDir -> committedRuleFiles(), system -> {
        });
    }

    /**
     * @param overrides the services' configuration on top of this class's (a game day's gateway and rate limit)
     * @param rules the rules Prometheus evaluates (a game day's compressed in time)
     * @param beforeMonitoring run once the services answer and before Prometheus starts (a game day's warm-up)
     */
    ObservedSystem(Map<String, String> overrides, RuleFiles rules, BeforeMonitoring beforeMonitoring) throws Exception {
        Path parent = Path.of("target", "system").toAbsolutePath();
        Files.createDirectories(parent);
        Path backends = Files.createTempDirectory(parent, "observed-");
        // OpenSearch takes the longest to start: it starts while Jaeger and the services do.
        Path openSearchDir = backends.resolve("opensearch");
        CompletableFuture<OpenSearchNode> node = CompletableFuture.supplyAsync(() -> OpenSearchNode.start(FreePorts.next(),
                openSearchDir, backends.resolve("opensearch.log")));
        boolean nodeOwned = false;
        try {
            // Tracing as `make run` has it: Jaeger takes the services' OTLP and copies every span through the
            // system's Kafka to Zipkin, whose UI shows it. Zipkin first: it creates its topic and reads it.
            system = new RunningSystem(bootstrapServers -> {
                zipkin = ZipkinServer.start(FreePorts.next(), ZipkinServer.Feed.kafka(bootstrapServers),
                        backends.resolve("zipkin"), backends.resolve("zipkin.log"));
                jaeger = startJaeger(backends);
                Map<String, String> config = new HashMap<>(serviceConfig(jaeger));
                config.putAll(overrides);
                return config;
            });
            Path dir = system.dir.resolve("observability");
            int shipperMetricsPort = FreePorts.next();
            openSearch = node.join();
            nodeOwned = true;
            // Each service writes its file under its own working folder: <run>/<service>/logs/<service>.log.
            // The shipper answers before Prometheus first scrapes it: LogShipperDown sees no start-up gap.
            shipper = LogShipper.start(system.dir + "/*-service/logs/*.log", openSearch.url(), shipperMetricsPort,
                    dir.resolve("log-shipper"), dir.resolve("log-shipper.log"));
            beforeMonitoring.run(system);
            alerting = new AlertingStack(system, dir, List.of(LogShipper.scrapeJob(shipperMetricsPort)), rules.in(dir));
            prometheus = alerting.prometheus;
            alertmanager = alerting.alertmanager;
        } catch (Exception | Error e) {
            // A step that fails must not leave the earlier ones running: the shared system is started once per
            // test run, and orphans would hold ports and cores for the rest of it.
            close();
            if (!nodeOwned) {
                node.handle((startedNode, failure) -> {
                    if (startedNode != null) {
                        startedNode.stop();
                    }
                    return null;
                }).join();
            }
            throw e;
        }
    }

    private static Map<String, String> serviceConfig(JaegerServer jaeger) {
        return Map.ofEntries(
                Map.entry("quarkus.otel.exporter.otlp.endpoint", jaeger.otlpGrpcEndpoint()),
                Map.entry("zingmonitor.tracing.sample-ratio", "1.0"),
                Map.entry("zingmonitor.tracing.environment", "system-test"),
                Map.entry("quarkus.otel.bsp.max.queue.size", Integer.toString(SPAN_QUEUE)),
                Map.entry("quarkus.otel.bsp.max.export.batch.size", "32"),
                Map.entry("quarkus.otel.bsp.schedule.delay", "200ms"),
                Map.entry("quarkus.otel.bsp.export.timeout", "2s"),
                Map.entry("zingtickets.gateway.latency", GATEWAY_LATENCY_MS + "ms"),
                Map.entry("zingtickets.gateway.latency-jitter", "0ms"),
                Map.entry("zingtickets.gateway.failure-rate", "0"),
                // The services' own DEBUG lines log whole payloads (booking request, booking.requested event) with
                // the card, CVC and email in them: the leak tests then prove redaction, not merely that nothing
                // logs client input.
                Map.entry("quarkus.log.category.\"io.zingtickets\".level", "DEBUG"),
                // As in the local stack: the shipper tails the rotating JSON file (off by default).
                Map.entry("quarkus.log.file.enabled", "true"));
    }

    /** The services' generated rules and the infrastructure's hand-written ones, as monitoring/prometheus.yml loads them. */
    static List<Path> committedRuleFiles() throws IOException {
        return Stream.concat(ruleFilesIn("monitoring/rules").stream(), infrastructureRuleFiles().stream()).toList();
    }

    /** The log shipper's rules, written by hand: no service's build generates them. */
    static List<Path> infrastructureRuleFiles() throws IOException {
        return ruleFilesIn("monitoring/rules/infrastructure");
    }

    private static List<Path> ruleFilesIn(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Tools.repositoryRoot().resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(".rules.yml")).sorted().toList();
        }
    }

    private JaegerServer startJaeger(Path parent) {
        Path dir = parent.resolve("jaeger-" + UUID.randomUUID());
        return JaegerServer.start(jaegerPorts[0], jaegerPorts[1], jaegerPorts[2], jaegerPorts[3], Optional.of(zipkin.feed()),
                dir, dir.resolveSibling(dir.getFileName() + ".log"));
    }

    JaegerServer jaeger() {
        return jaeger;
    }

    ZipkinServer zipkin() {
        return zipkin;
    }

    /** A tracing backend outage begins: every stored trace is lost with it, as with Jaeger's in-memory store. */
    void stopJaeger() {
        jaeger.stop();
    }

    /** The tracing backend is back, empty, on the same ports. */
    void startJaeger() {
        jaeger = startJaeger(system.dir.resolve("observability"));
    }

    String webhookUrl() {
        return alerting.webhookUrl();
    }

    @Override
    public void close() {
        // Null-safe: the constructor calls it when a step of the start failed.
        if (shipper != null) {
            shipper.stop(Duration.ofSeconds(10));
        }
        if (alerting != null) {
            alerting.close();
        }
        if (system != null) {
            system.close();
        }
        if (jaeger != null && jaeger.isRunning()) {
            jaeger.stop();
        }
        if (zipkin != null) {
            zipkin.stop();
        }
        if (openSearch != null) {
            openSearch.stop();
        }
    }
}
