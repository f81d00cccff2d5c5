package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Jaeger v2 (built into .tools/bin by {@code make tools-jaeger}) with in-memory storage, its
 * OTLP receivers (gRPC and HTTP) and its query API/UI, all on the given ports of 127.0.0.1. Stopping
 * it loses every trace; starting it again on the same ports is how tests simulate a backend outage.
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
        Path binary = Tools.require("bin/jaeger");
        Path config = workDir.resolve("jaeger.yaml");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, configuration(queryPort, queryGrpcPort, otlpGrpcPort, otlpHttpPort));
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
     * extension reads. The collector's own telemetry is off, so it opens no port of its own (8888).
     */
    static String configuration(int queryPort, int queryGrpcPort, int otlpGrpcPort, int otlpHttpPort) {
        return """
                service:
                  extensions: [jaeger_storage, jaeger_query]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [jaeger_storage_exporter]
                  telemetry:
                    metrics:
                      level: none
                extensions:
                  jaeger_query:
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
                """.formatted(queryPort, queryGrpcPort, otlpGrpcPort, otlpHttpPort);
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
