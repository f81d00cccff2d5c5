package io.zingtickets.infra.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Installs the log pipeline's assets ({@code monitoring/logging/opensearch/}) into an OpenSearch node, in
 * the order of that folder's README: retention policy, ingest pipeline, index template, first index
 * behind the write alias. Idempotent. The retention policy needs the Index State Management plugin;
 * a node without it (the engine from Maven Central has none) gets everything else, and the template
 * without its ISM setting, which such a node would reject.
 */
public final class LogPipelineSetup {

    public static final String ALIAS = "zingtickets-logs";
    public static final String FIRST_INDEX = "zingtickets-logs-000001";
    static final String ISM_ROLLOVER_ALIAS = "plugins.index_state_management.rollover_alias";

    /** @param retentionPolicyInstalled whether ISM was there to take the policy */
    public record Result(boolean retentionPolicyInstalled) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogPipelineSetup() {
    }

    public static Result install(String url, Path assets, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        awaitHealthy(http, url, timeout);
        HttpResponse<String> policies = send(http, "GET", url + "/_plugins/_ism/policies", null);
        boolean ism = policies.statusCode() == 200;
        if (ism) {
            HttpResponse<String> existing = send(http, "GET", url + "/_plugins/_ism/policies/" + ALIAS, null);
            if (existing.statusCode() == 404) {
                expectOk(send(http, "PUT", url + "/_plugins/_ism/policies/" + ALIAS, read(assets.resolve("ism-policy.json"))));
            }
        }
        expectOk(send(http, "PUT", url + "/_ingest/pipeline/" + ALIAS, read(assets.resolve("ingest-pipeline.json"))));
        expectOk(send(http, "PUT", url + "/_index_template/" + ALIAS, template(assets.resolve("index-template.json"), ism)));
        if (send(http, "HEAD", url + "/_alias/" + ALIAS, null).statusCode() == 404) {
            expectOk(send(http, "PUT", url + "/" + FIRST_INDEX, read(assets.resolve("bootstrap-index.json"))));
        }
        return new Result(ism);
    }

    /** The template as committed, less the ISM setting when the node has no ISM to know it. */
    static String template(Path file, boolean ism) {
        try {
            ObjectNode template = (ObjectNode) JSON.readTree(read(file));
            if (!ism) {
                ((ObjectNode) template.path("template").path("settings")).remove(ISM_ROLLOVER_ALIAS);
            }
            return JSON.writeValueAsString(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitHealthy(HttpClient http, String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (send(http, "GET", url + "/_cluster/health?wait_for_status=yellow&timeout=5s", null).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not answering yet
            }
            sleep(500);
        }
        throw new IllegalStateException("OpenSearch at " + url + " did not become healthy within " + timeout);
    }

    public static HttpResponse<String> send(HttpClient http, String method, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expectOk(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
