package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Alertmanager (0.31.1 with its web UI, built by {@code make tools}) with the repository's configuration, its SMTP server and
 * chat webhook pointed at the given local ones, and notifications sped up for tests.
 */
public final class AlertmanagerServer {

    public static final String BINARY = "bin/alertmanager";
    public static final String AMTOOL = "bin/amtool";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One alert as Alertmanager holds it.
     *
     * @param key its alertname and service label, {@code HighErrorRate/email-service}
     * @param state active (notified), suppressed (inhibited or silenced) or unprocessed
     * @param inhibitedBy the keys of the alerts that inhibit it
     */
    public record Alert(String key, String state, List<String> inhibitedBy) {
    }

    private final int port;
    private final ManagedProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AlertmanagerServer(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    public static AlertmanagerServer start(int port, Path repositoryConfig, int smtpPort, int webhookPort, Path workDir, Path log) {
        Path binary = Tools.require(BINARY);
        Path config = workDir.resolve("alertmanager.yml");
        try {
            Files.createDirectories(workDir);
            String text = Files.readString(repositoryConfig)
                    .replace("127.0.0.1:3025", "127.0.0.1:" + smtpPort)
                    .replace("http://127.0.0.1:9095", "http://127.0.0.1:" + webhookPort)
                    .replace("group_wait: 10s", "group_wait: 1s")
                    .replace("templates/*.tmpl", repositoryConfig.getParent().resolve("templates").toAbsolutePath() + "/*.tmpl");
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start("alertmanager", List.of(binary.toString(), "--config.file=" + config,
                "--storage.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="), workDir, log, Map.of());
        process.awaitPort(port, Duration.ofSeconds(60));
        return new AlertmanagerServer(port, process);
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public String url() {
        return "http://" + address();
    }

    /** Every alert Alertmanager holds now (its v2 API), with its inhibitors named by key rather than fingerprint. */
    public List<Alert> alerts() throws IOException, InterruptedException {
        JsonNode alerts = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<String, String> keyByFingerprint = new HashMap<>();
        alerts.forEach(alert -> keyByFingerprint.put(alert.path("fingerprint").asText(), key(alert.path("labels"))));
        List<Alert> held = new ArrayList<>();
        for (JsonNode alert : alerts) {
            List<String> inhibitors = new ArrayList<>();
            alert.path("status").path("inhibitedBy").forEach(fingerprint -> inhibitors.add(
                    keyByFingerprint.getOrDefault(fingerprint.asText(), "alert " + fingerprint.asText())));
            held.add(new Alert(key(alert.path("labels")), alert.path("status").path("state").asText(), inhibitors));
        }
        return held;
    }

    /** How the tests name an alert: its alertname and service label, as in {@code HighErrorRate/email-service}. */
    public static String key(JsonNode labels) {
        return labels.path("alertname").asText() + "/" + labels.path("service").asText();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }
}
