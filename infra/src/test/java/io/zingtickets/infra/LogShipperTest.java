package io.zingtickets.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zingtickets.infra.logging.LogPipelineSetup;

/**
 * The local log shipper, started by {@link LogShipper} with the committed telegraf.conf, against a real OpenSearch
 * that is not there yet: it must not exit, and the lines written meanwhile must all arrive once OpenSearch is up.
 */
class LogShipperTest {

    /** Telegraf's default retries a failed connection once, 15 s after start-up, then exits: outlive that. */
    static final Duration LONGER_THAN_THE_DEFAULT_RETRY = Duration.ofSeconds(17);
    static final int LINES_BEFORE_START = 3;
    static final int LINES_WHILE_RETRYING = 2;
    static final Duration ARRIVAL = Duration.ofSeconds(90);
    static final Duration POLL = Duration.ofMillis(250);
    static final String WRITTEN_BEFORE = "message:\"written before OpenSearch\"";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsWithoutOpenSearchAndShipsEveryLineWrittenBeforeItIsUp() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path logFile = logs.resolve("booking-service.json.log");
        for (int i = 1; i <= LINES_BEFORE_START; i++) {
            append(logFile, i);
        }
        int openSearchPort = FreePorts.next();
        int metricsPort = FreePorts.next();
        long started = System.nanoTime();
        ManagedProcess shipper = LogShipper.start(logs + "/*.json.log", "http://127.0.0.1:" + openSearchPort, metricsPort,
                dir.resolve("shipper"), dir.resolve("log-shipper.log"));
        OpenSearchNode openSearch = null;
        try {
            for (int i = LINES_BEFORE_START + 1; i <= LINES_BEFORE_START + LINES_WHILE_RETRYING; i++) {
                append(logFile, i);
            }
            int lines = LINES_BEFORE_START + LINES_WHILE_RETRYING;
            await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).untilAsserted(() -> assertThat(
                    openSearchOutput(metricsPort, "buffer_size")).as("lines waiting in the shipper").isEqualTo(lines));
            Thread.sleep(Math.max(0, LONGER_THAN_THE_DEFAULT_RETRY.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis()));
            assertThat(shipper.isAlive()).as("the shipper outlives an OpenSearch that is not there; see %s:%n%s",
                    shipper.log(), shipper.tail()).isTrue();
            assertThat(openSearchOutput(metricsPort, "buffer_size")).as("lines waiting for OpenSearch").isEqualTo(lines);

            openSearch = OpenSearchNode.start(openSearchPort, dir.resolve("opensearch"), dir.resolve("opensearch.log"));
            String url = openSearch.url();
            OpenSearchNode node = openSearch;
            // How soon is not what this proves (a cold node on a busy CI machine can take a while to index its first
            // bulk); that every line arrives, and once, is.
            await().atMost(ARRIVAL).pollInterval(POLL).untilAsserted(() -> assertThat(count(url, WRITTEN_BEFORE))
                    .as(() -> "lines in OpenSearch; shipper buffer " + openSearchOutput(metricsPort, "buffer_size") + ", written "
                            + openSearchOutput(metricsPort, "metrics_written") + ", errors " + openSearchOutput(metricsPort, "errors")
                            + "; shipper log " + shipper.log() + ":\n" + shipper.tail() + "\nOpenSearch log "
                            + node.process().log() + ":\n" + node.process().tail())
                    .isGreaterThanOrEqualTo(lines));
            assertThat(count(url, WRITTEN_BEFORE)).as("each line shipped once; see %s:%n%s", shipper.log(), shipper.tail())
                    .isEqualTo(lines);
            assertThat(openSearchOutput(metricsPort, "metrics_dropped")).isZero();
            assertThat(shipper.isAlive()).isTrue();
        } finally {
            shipper.stop(Duration.ofSeconds(10));
            if (openSearch != null) {
                openSearch.stop();
            }
        }
    }

    private static void append(Path file, int n) throws IOException {
        Files.writeString(file, "{\"@timestamp\":\"2026-01-01T00:00:0" + n + "Z\",\"log.level\":\"INFO\",\"message\":"
                + "\"line " + n + " written before OpenSearch\",\"service.name\":\"booking-service\"}\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** One of Telegraf's internal_write series for its OpenSearch output, from its metrics endpoint; -1 when absent. */
    private double openSearchOutput(int metricsPort, String series) {
        String metrics = body("http://127.0.0.1:" + metricsPort + "/metrics");
        Matcher value = Pattern.compile("(?m)^internal_write_" + series + "\\{[^}]*output=\"opensearch\"[^}]*\\} (\\S+)$")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }

    private long count(String openSearch, String query) {
        body(openSearch + "/" + LogPipelineSetup.ALIAS + "/_refresh");
        String answer = body(openSearch + "/" + LogPipelineSetup.ALIAS + "/_count?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        try {
            return new ObjectMapper().readTree(answer).path("count").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private String body(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
