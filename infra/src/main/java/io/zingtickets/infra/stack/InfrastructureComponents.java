package io.zingtickets.infra.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zingtickets.infra.AlertmanagerServer;
import io.zingtickets.infra.JaegerServer;
import io.zingtickets.infra.KafkaBroker;
import io.zingtickets.infra.LogShipper;
import io.zingtickets.infra.OpenSearchNode;
import io.zingtickets.infra.ManagedProcess;
import io.zingtickets.infra.PostgresServer;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.infra.SmtpServer;
import io.zingtickets.infra.Tools;
import io.zingtickets.infra.ZipkinServer;

/** The stack's components on their documented local ports (docs/contracts.md). */
public final class InfrastructureComponents {

    public static final int KAFKA = Integer.getInteger("zingtickets.kafka.port", 9092);
    public static final int KAFKA_CONTROLLER = Integer.getInteger("zingtickets.kafka.controller-port", 9192);
    public static final int POSTGRES = Integer.getInteger("zingtickets.postgres.port", 5432);
    public static final int SMTP = Integer.getInteger("zingtickets.smtp.port", 3025);
    public static final int IMAP = Integer.getInteger("zingtickets.imap.port", 3143);
    public static final int MAIL_API = Integer.getInteger("zingtickets.mail-api.port", 8025);
    public static final int PROMETHEUS = Integer.getInteger("zingtickets.prometheus.port", 9090);
    public static final int ALERTMANAGER = Integer.getInteger("zingtickets.alertmanager.port", 9093);
    public static final int ALERT_WEBHOOK = Integer.getInteger("zingtickets.alert-webhook.port", 9095);
    public static final int OPENSEARCH = Integer.getInteger("zingtickets.opensearch.port", 9200);
    public static final int LOG_SHIPPER_METRICS = Integer.getInteger("zingtickets.log-shipper.metrics-port", 9273);
    public static final int JAEGER_QUERY = Integer.getInteger("zingtickets.jaeger.port", 16686);
    public static final int JAEGER_QUERY_GRPC = Integer.getInteger("zingtickets.jaeger.grpc-port", 16685);
    public static final int OTLP_GRPC = Integer.getInteger("zingtickets.otlp.grpc-port", 4317);
    public static final int OTLP_HTTP = Integer.getInteger("zingtickets.otlp.http-port", 4318);
    public static final int TRACE_VIEWER = Integer.getInteger("zingtickets.trace-viewer.port", 9411);
    public static final int TRACE_VIEWER_MAX_SPANS = Integer.getInteger("zingtickets.trace-viewer.max-spans",
            ZipkinServer.DEFAULT_MAX_SPANS);

    private InfrastructureComponents() {
    }

    /** Kafka, PostgreSQL and SMTP: what the services need to run. */
    public static List<Component> core() {
        return List.of(kafka(), postgres(), smtp());
    }

    /**
     * What a service in dev mode needs (`make infra-up`): the core, plus Prometheus to scrape it and
     * Jaeger to receive its traces (with the trace viewer), so that dev mode's telemetry has somewhere to go.
     */
    public static List<Component> development() {
        return java.util.stream.Stream.concat(core().stream(), java.util.stream.Stream.of(prometheus(), traceViewer(),
                jaeger())).toList();
    }

    /**
     * Metrics, alerting, tracing and logs around the services (`make run`). The trace viewer comes before
     * Jaeger: it creates the topic Jaeger copies spans to.
     */
    public static List<Component> observability() {
        return List.of(alertWebhook(), alertmanager(), prometheus(), traceViewer(), jaeger(), openSearch(), logShipper());
    }

    static Component kafka() {
        return new SimpleComponent("kafka", KAFKA, List.of("Kafka bootstrap: localhost:" + KAFKA),
                layout -> KafkaBroker.start(KAFKA, KAFKA_CONTROLLER, layout.data("kafka"), layout.log("kafka")).process());
    }

    static Component postgres() {
        return new SimpleComponent("postgres", POSTGRES,
                List.of("PostgreSQL: localhost:" + POSTGRES + " (user/password zingtickets; databases booking, payment, email)"),
                layout -> PostgresServer.start(POSTGRES, layout.data("postgres"), layout.log("postgres"),
                        PostgresServer.DATABASES).process());
    }

    static Component smtp() {
        return new SimpleComponent("smtp", SMTP, List.of("SMTP: localhost:" + SMTP + ", received mail: http://localhost:"
                + MAIL_API + "/api/user (GreenMail API), IMAP localhost:" + IMAP),
                layout -> SmtpServer.start(SMTP, IMAP, MAIL_API, layout.data("smtp"), layout.log("smtp")).process());
    }

    static Component prometheus() {
        Path binary = Tools.directory().resolve(PrometheusServer.BINARY);
        return new SimpleComponent("prometheus", PROMETHEUS, List.of("Prometheus: http://localhost:" + PROMETHEUS
                + "/query (targets: /targets, alerts: /alerts)"), layout -> {
                    ManagedProcess process = ManagedProcess.start("prometheus", List.of(binary.toString(),
                            "--config.file=" + layout.root().resolve("monitoring/prometheus.yml"),
                            "--storage.tsdb.path=" + layout.data("prometheus"),
                            "--web.listen-address=127.0.0.1:" + PROMETHEUS,
                            "--web.enable-lifecycle", "--enable-feature=exemplar-storage"),
                            layout.data("prometheus"), layout.log("prometheus"), Map.of());
                    process.awaitPort(PROMETHEUS, Duration.ofSeconds(60));
                    return process;
                }, () -> Files.isExecutable(binary));
    }

    static Component alertmanager() {
        Path binary = Tools.directory().resolve(AlertmanagerServer.BINARY);
        return new SimpleComponent("alertmanager", ALERTMANAGER, List.of(
                "Alertmanager: http://localhost:" + ALERTMANAGER + "/ (alerts, silences, status with the receivers), or "
                        + ".tools/" + AlertmanagerServer.AMTOOL + " alert query --alertmanager.url=http://localhost:" + ALERTMANAGER),
                layout -> {
                    ManagedProcess process = ManagedProcess.start("alertmanager", List.of(binary.toString(),
                            "--config.file=" + layout.root().resolve("monitoring/alertmanager/alertmanager.yml"),
                            "--storage.path=" + layout.data("alertmanager"),
                            "--web.listen-address=127.0.0.1:" + ALERTMANAGER,
                            "--cluster.listen-address="),
                            layout.data("alertmanager"), layout.log("alertmanager"), Map.of());
                    process.awaitPort(ALERTMANAGER, Duration.ofSeconds(60));
                    return process;
                }, () -> Files.isExecutable(binary));
    }

    static Component alertWebhook() {
        return new SimpleComponent("alert-webhook", ALERT_WEBHOOK, List.of("Alert notifications received (Slack-style webhook): http://localhost:"
                + ALERT_WEBHOOK + "/messages"), layout -> {
                    ManagedProcess process = ManagedProcess.start("alert-webhook", List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                            "-cp", absoluteClasspath(), "io.zingtickets.infra.alerts.AlertWebhookRecorder",
                            Integer.toString(ALERT_WEBHOOK), layout.data("alert-webhook").resolve("messages.jsonl").toString()),
                            layout.data("alert-webhook"), layout.log("alert-webhook"), Map.of());
                    process.awaitPort(ALERT_WEBHOOK, Duration.ofSeconds(30));
                    return process;
                });
    }

    /** This JVM's classpath with every entry absolute: the child runs in its own working directory. */
    static String absoluteClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /**
     * Jaeger receives the services' OTLP; with the trace viewer installed it also copies every span to
     * the viewer's Kafka topic. Its query API is real; its UI is not in the Go module it is built from.
     */
    static Component jaeger() {
        Path binary = Tools.directory().resolve("bin/jaeger");
        Optional<ZipkinServer.Feed> feed = ZipkinServer.installed() ? Optional.of(traceViewerFeed()) : Optional.empty();
        return new SimpleComponent("jaeger", JAEGER_QUERY, List.of(
                "Jaeger (OTLP gRPC localhost:" + OTLP_GRPC + ", HTTP localhost:" + OTLP_HTTP + ") query API, a booking's latest trace: "
                        + "curl -s 'http://localhost:" + JAEGER_QUERY + "/api/traces?service=booking-service&limit=1' | jq"),
                layout -> JaegerServer.start(JAEGER_QUERY, JAEGER_QUERY_GRPC, OTLP_GRPC, OTLP_HTTP, feed, layout.data("jaeger"),
                        layout.log("jaeger")).process(),
                () -> Files.isExecutable(binary));
    }

    /** Zipkin's UI over what Jaeger receives: the web UI for traces that Jaeger's Go module lacks. */
    static Component traceViewer() {
        // Lens runs a search from its URL only with an end time, which a printed URL cannot have: the
        // service is filled in, one click runs it.
        return new SimpleComponent("trace-viewer", TRACE_VIEWER, List.of("Traces (Zipkin's UI over what Jaeger receives): "
                + "http://localhost:" + TRACE_VIEWER + "/zipkin/?serviceName=booking-service (Run query), a trace: "
                + "http://localhost:" + TRACE_VIEWER + "/zipkin/traces/<trace id>"),
                layout -> ZipkinServer.start(TRACE_VIEWER, traceViewerFeed(), TRACE_VIEWER_MAX_SPANS, layout.data("trace-viewer"),
                        layout.log("trace-viewer")).process(),
                ZipkinServer::installed);
    }

    private static ZipkinServer.Feed traceViewerFeed() {
        return ZipkinServer.Feed.kafka("127.0.0.1:" + KAFKA);
    }

    static Component openSearch() {
        String url = "http://localhost:" + OPENSEARCH;
        return new SimpleComponent("opensearch", OPENSEARCH, List.of("OpenSearch (all services' logs): " + url
                + "/zingtickets-logs/_search?q=trace.id:<trace id>&sort=@timestamp:asc"), layout -> {
                    OpenSearchNode node = OpenSearchNode.start(OPENSEARCH, layout.data("opensearch"), layout.log("opensearch"));
                    if (!node.setup().retentionPolicyInstalled()) {
                        System.out.println("    (this OpenSearch has no Index State Management plugin: the retention policy is not installed locally)");
                    }
                    return node.process();
                }, () -> Files.isDirectory(Tools.directory().resolve("opensearch-" + Tools.version("opensearch"))));
    }

    static Component logShipper() {
        // A port, not a URL: every printed URL is a page for people (the browser test opens each), this one is Prometheus's.
        return new SimpleComponent("log-shipper", LOG_SHIPPER_METRICS, List.of("Log shipper (Telegraf): .run/logs/*.json.log"
                + " -> OpenSearch; its drops and backlog for Prometheus on port " + LOG_SHIPPER_METRICS),
                layout -> LogShipper.start(layout.run().resolve("logs").toAbsolutePath() + "/*.json.log",
                        "http://127.0.0.1:" + OPENSEARCH, LOG_SHIPPER_METRICS, layout.data("log-shipper"),
                        layout.log("log-shipper")),
                LogShipper::installed);
    }
}
