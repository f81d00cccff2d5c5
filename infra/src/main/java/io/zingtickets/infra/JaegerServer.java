package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Jaeger v2 (built into .tools/bin by {@code make tools-jaeger}) with in-memory storage, its
 * OTLP receivers (gRPC and HTTP) and its query API/UI, all on the given ports of 127.0.0.1. Stopping
 * it loses every trace; starting it again on the same ports is how tests simulate a backend outage.
 * Given a {@link ZipkinServer.Feed}, it also copies every span to that Kafka topic for the trace viewer.
 */
public final class JaegerServer {

    private final int queryPort;
    private final int otlpGrpcPort;
    private final int otlpHttpPort;
    private final ManagedProcess process;

    private JaegerServer(int queryPort, int otlpGrpcPort, int otlpHttpPort, ManagedProcess process) {
        this.queryPort = queryPort;
        this.otlpGrpcPort = otlpGrpcPort;
        this.otlpHttpPort = otlpHttpPort;
        this.process = process;
    }

    public static JaegerServer start(int queryPort, int queryGrpcPort, int otlpGrpcPort, int otlpHttpPort, Path workDir,
            Path log) {
        return start(queryPort, queryGrpcPort, otlpGrpcPort, otlpHttpPort, Optional.empty(), workDir, log);
    }

    /** As above, copying every span to the trace viewer's feed when one is given. */
    public static JaegerServer start(int queryPort, int queryGrpcPort, int otlpGrpcPort, int otlpHttpPort,
            Optional<ZipkinServer.Feed> zipkinFeed, Path workDir, Path log) {
        Path binary = Tools.require("bin/jaeger");
        Path config = workDir.resolve("jaeger.yaml");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, configuration(queryPort, queryGrpcPort, otlpGrpcPort, otlpHttpPort, zipkinFeed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start("jaeger", List.of(binary.toString(), "--config", config.toString()),
                workDir, log, Map.of());
        process.awaitPort(queryPort, Duration.ofSeconds(60));
        process.awaitPort(otlpGrpcPort, Duration.ofSeconds(60));
        process.awaitPort(otlpHttpPort, Duration.ofSeconds(60));
        return new JaegerServer(queryPort, otlpGrpcPort, otlpHttpPort, process);
    }

    /**
     * Jaeger v2 is an OpenTelemetry Collector: OTLP in, batched, into the in-memory store the query
     * extension reads. The collector's own telemetry is off, so it opens no port of its own (8888), and so is
     * the query extension's tracing of itself: it would export to localhost:4317 (whatever Jaeger listens
     * there) and, with nothing there, hold up shutdown for seconds retrying its last spans. Only
     * OTLP is received (the default configuration's Zipkin receiver would take 9411, the viewer's port).
     * <p>
     * The copy for Zipkin goes through Kafka because this build has no Zipkin exporter but has the Kafka
     * exporter, which writes Zipkin's own span format, and Zipkin's server reads a Kafka topic itself.
     * One message per trace ({@code partition_traces_by_id}) keeps a message far below the broker's 1 MB
     * limit whatever the batch size. The exporter queues (1,000 batches) and retries (5 minutes) on its
     * own, so a Kafka outage shorter than that only delays the viewer; what Jaeger stores is unaffected.
     * With no broker reachable at all, Jaeger still receives and stores, but its shutdown waits on the
     * exporter's metadata retries: {@link #stop()}'s grace period ends it.
     */
    static String configuration(int queryPort, int queryGrpcPort, int otlpGrpcPort, int otlpHttpPort,
            Optional<ZipkinServer.Feed> zipkinFeed) {
        String exporters = zipkinFeed.map(feed -> """
                  kafka/zipkin:
                    brokers: [%s]
                    partition_traces_by_id: true
                    traces:
                      topic: %s
                      encoding: zipkin_json
                """.formatted(feed.bootstrapServers(), feed.topic())).orElse("");
        return """
                service:
                  extensions: [jaeger_storage, jaeger_query]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [jaeger_storage_exporter%s]
                  telemetry:
                    metrics:
                      level: none
                extensions:
                  jaeger_query:
                    enable_tracing: false
                    storage:
                      traces: memstore
                    http:
                      endpoint: 127.0.0.1:%d
                    grpc:
                      endpoint: 127.0.0.1:%d
                  jaeger_storage:
                    backends:
                      memstore:
                        memory:
                          max_traces: 100000
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:%d
                      http:
                        endpoint: 127.0.0.1:%d
                processors:
                  batch:
                    timeout: 200ms
                exporters:
                  jaeger_storage_exporter:
                    trace_storage: memstore
                %s""".formatted(zipkinFeed.isPresent() ? ", kafka/zipkin" : "", queryPort, queryGrpcPort, otlpGrpcPort,
                otlpHttpPort, exporters);
    }

    /** Jaeger's UI and HTTP query API ({@code /api/traces}, {@code /api/v3/...}). */
    public String url() {
        return "http://127.0.0.1:" + queryPort;
    }

    /** Where services send spans: {@code quarkus.otel.exporter.otlp.endpoint} (gRPC). */
    public String otlpGrpcEndpoint() {
        return "http://127.0.0.1:" + otlpGrpcPort;
    }

    public String otlpHttpEndpoint() {
        return "http://127.0.0.1:" + otlpHttpPort;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The server's process, for whoever measures what it costs (a benchmark reads its CPU and memory). */
    public ManagedProcess process() {
        return process;
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }
}
