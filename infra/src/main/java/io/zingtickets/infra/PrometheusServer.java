package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus 3 (built with its web UI by {@code make tools}, infra/scripts/install-prometheus.sh) scraping the given targets' management
 * ports (and any other jobs, such as the log shipper) every second, with the given rule files, sending alerts to an Alertmanager.
 */
public final class PrometheusServer {

    /** Prometheus 3 with its web UI embedded, relative to {@link Tools#directory()}. */
    public static final String BINARY = "prometheus-3.16.0/prometheus";
    public static final String PROMTOOL = "prometheus-3.16.0/promtool";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final ManagedProcess process;

    private PrometheusServer(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    /** A scrape job besides the services': its name is the {@code job} label the rules select on. */
    public record ScrapeJob(String name, String metricsPath, String target) {
    }

    /** @param targets application name to {@code host:port} of its management interface */
    public static PrometheusServer start(int port, Map<String, String> targets, List<Path> ruleFiles, String alertmanager,
            Path workDir, Path log) {
        return start(port, targets, List.of(), ruleFiles, alertmanager, workDir, log);
    }

    /**
     * @param targets application name to {@code host:port} of its management interface
     * @param otherJobs what else to scrape, e.g. the log shipper ({@link LogShipper#scrapeJob(int)})
     */
    public static PrometheusServer start(int port, Map<String, String> targets, List<ScrapeJob> otherJobs,
            List<Path> ruleFiles, String alertmanager, Path workDir, Path log) {
        // Every second: tests and the local stack see a change, and an alert, within seconds.
        return start(port, targets, otherJobs, ruleFiles, alertmanager, Duration.ofSeconds(1), workDir, log);
    }

    /** @param interval how often every target is scraped and the rules evaluated */
    public static PrometheusServer start(int port, Map<String, String> targets, List<ScrapeJob> otherJobs,
            List<Path> ruleFiles, String alertmanager, Duration interval, Path workDir, Path log) {
        Path binary = Tools.require(BINARY);
        try {
            Files.createDirectories(workDir);
            String scrapeTargets = targets.entrySet().stream()
                    .map(t -> "      - targets: [\"" + t.getValue() + "\"]\n        labels: {application: " + t.getKey() + "}")
                    .collect(Collectors.joining("\n"));
            String jobs = otherJobs.stream()
                    .map(j -> "  - job_name: " + j.name() + "\n    metrics_path: " + j.metricsPath()
                            + "\n    static_configs:\n      - targets: [\"" + j.target() + "\"]\n")
                    .collect(Collectors.joining());
            String rules = ruleFiles.stream().map(f -> "  - " + f.toAbsolutePath()).collect(Collectors.joining("\n"));
            Path config = workDir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: %ds
                      evaluation_interval: %ds
                    rule_files:
                    %s
                    alerting:
                      alertmanagers:
                        - static_configs:
                            - targets: ["%s"]
                    scrape_configs:
                      - job_name: zingtickets
                        metrics_path: /q/metrics
                        static_configs:
                    %s
                    %s""".formatted(interval.toSeconds(), interval.toSeconds(), rules.isEmpty() ? "  []" : rules, alertmanager, scrapeTargets, jobs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start("prometheus", List.of(binary.toString(),
                "--config.file=" + workDir.resolve("prometheus.yml"), "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--enable-feature=exemplar-storage"), workDir, log,
                Map.of());
        process.awaitPort(port, Duration.ofSeconds(60));
        return new PrometheusServer(port, process);
    }


    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * One call of the HTTP API, such as {@code api("/api/v1/targets", Map.of())}: its whole JSON answer. An answer
     * other than 200 fails with Prometheus's own error text, so a bad query in a test reads as what it is.
     */
    public JsonNode api(String path, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + path + " "
                        + parameters + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while querying Prometheus", e);
        }
    }

    /** An instant query's series, each with its {@code metric} labels and its {@code value} [time, "number"]. */
    public List<JsonNode> query(String promql) {
        List<JsonNode> series = new ArrayList<>();
        api("/api/v1/query", Map.of("query", promql)).path("data").path("result").forEach(series::add);
        return series;
    }

    /** The server's process, for whoever measures what it costs (a benchmark reads its CPU and memory). */
    public ManagedProcess process() {
        return process;
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }
}
