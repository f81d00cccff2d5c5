package io.zingtickets.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local stack's trace viewer: a span sent to Jaeger over OTLP, as the services send theirs, is found
 * in Zipkin (copied by Jaeger's Kafka exporter, read by Zipkin's Kafka collector), and Zipkin serves its UI.
 */
class TraceViewerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    static KafkaBroker kafka;
    static TracingBackend tracing;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start(FreePorts.next(), FreePorts.next(), dir.resolve("kafka"), dir.resolve("kafka.log"));
        tracing = TracingBackend.start(kafka.bootstrapServers(), dir);
    }

    @AfterAll
    static void stop() {
        if (tracing != null) {
            tracing.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void aTraceSentToJaegerOverOtlpIsShownByZipkin() throws Exception {
        String traceId = randomHex(16);
        String rootId = randomHex(8);
        String childId = randomHex(8);
        long now = System.currentTimeMillis() * 1_000_000;
        String body = """
                {"resourceSpans": [
                  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "booking-service"}}]},
                   "scopeSpans": [{"spans": [{"traceId": "%1$s", "spanId": "%2$s", "name": "POST /bookings", "kind": 2,
                     "startTimeUnixNano": "%4$d", "endTimeUnixNano": "%5$d",
                     "attributes": [{"key": "zingtickets.booking.id", "value": {"stringValue": "b-42"}}]}]}]},
                  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "payment-service"}}]},
                   "scopeSpans": [{"spans": [{"traceId": "%1$s", "spanId": "%3$s", "parentSpanId": "%2$s",
                     "name": "booking.requested process", "kind": 5,
                     "startTimeUnixNano": "%6$d", "endTimeUnixNano": "%7$d"}]}]}
                ]}""".formatted(traceId, rootId, childId, now, now + 30_000_000, now + 5_000_000, now + 25_000_000);
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(tracing.jaeger().otlpHttpEndpoint() + "/v1/traces"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        JsonNode trace = awaitTrace(tracing.zipkin().apiUrl() + "/trace/" + traceId, 2, Duration.ofSeconds(20));
        assertThat(trace).hasSize(2);
        JsonNode root = span(trace, rootId);
        assertThat(root.path("localEndpoint").path("serviceName").asText()).isEqualTo("booking-service");
        assertThat(root.path("kind").asText()).isEqualTo("SERVER");
        assertThat(root.path("duration").asLong()).isEqualTo(30_000);
        assertThat(root.path("tags").path("zingtickets.booking.id").asText()).isEqualTo("b-42");
        JsonNode child = span(trace, childId);
        assertThat(child.path("parentId").asText()).isEqualTo(rootId);
        assertThat(child.path("localEndpoint").path("serviceName").asText()).isEqualTo("payment-service");
        assertThat(child.path("kind").asText()).isEqualTo("CONSUMER");
        // The copy is in addition to Jaeger's own store, not instead of it.
        assertThat(get(tracing.jaeger().url() + "/api/traces/" + traceId).body()).contains(childId);
    }

    @Test
    void zipkinServesItsWebUiWithEveryScriptAndStyleItLinks() throws Exception {
        HttpResponse<String> page = get(tracing.zipkin().url());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Zipkin</title>");
        List<String> assets = Pattern.compile("(?:src|href)=\"(/zipkin/static/[^\"]+)\"").matcher(page.body()).results()
                .map(m -> m.group(1)).toList();
        assertThat(assets).as("scripts and styles of the UI").isNotEmpty();
        String base = tracing.zipkin().url().replaceFirst("/zipkin/$", "");
        for (String asset : assets) {
            assertThat(get(base + asset).statusCode()).as(asset).isEqualTo(200);
        }
        // The UI is one page: a trace's link is served by it too (the script then asks the API).
        assertThat(get(tracing.zipkin().traceUrl(randomHex(16))).body()).contains("<title>Zipkin</title>");
    }

    static JsonNode awaitTrace(String url, int spans, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(url);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode trace = JSON.readTree(response.body());
                if (trace.size() >= spans) {
                    return trace;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Zipkin has no trace with " + spans + " spans at " + url + " after " + timeout
                + " (last answer: " + last + "); Jaeger's log:\n" + tracing.jaeger().process().tail());
    }

    static JsonNode span(JsonNode trace, String id) {
        for (JsonNode span : trace) {
            if (span.path("id").asText().equals(id)) {
                return span;
            }
        }
        throw new AssertionError("no span " + id + " in " + trace);
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
