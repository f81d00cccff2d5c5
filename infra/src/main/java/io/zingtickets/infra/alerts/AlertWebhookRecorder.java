package io.zingtickets.infra.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the team chat: accepts Slack-style incoming-webhook posts from Alertmanager, appends
 * each as one JSON line to a file, and lists them at {@code GET /messages}, so users and tests can see
 * exactly what an alert notification said.
 */
public final class AlertWebhookRecorder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertWebhookRecorder() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        start(port, file);
        System.out.println("Alert webhook recorder on http://127.0.0.1:" + port + ", writing " + file);
    }

    /** Starts recording into {@code file}; stop the returned server to end. */
    public static HttpServer start(int port, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> handle(exchange, file));
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
        return server;
    }

    private static void handle(HttpExchange exchange, Path file) throws IOException {
        try (exchange) {
            if ("POST".equals(exchange.getRequestMethod())) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                String line = JSON.writeValueAsString(JSON.readTree(body)) + "\n";
                synchronized (AlertWebhookRecorder.class) {
                    Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                respond(exchange, 200, "ok", "text/plain");
            } else if (exchange.getRequestURI().getPath().equals("/messages")) {
                ArrayNode messages = JSON.createArrayNode();
                if (Files.exists(file)) {
                    for (String line : Files.readAllLines(file)) {
                        if (!line.isBlank()) {
                            messages.add(JSON.readTree(line));
                        }
                    }
                }
                respond(exchange, 200, JSON.writeValueAsString(messages), "application/json");
            } else {
                respond(exchange, 404, "not found", "text/plain");
            }
        } catch (IOException e) {
            respond(exchange, 400, "unreadable body", "text/plain");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
