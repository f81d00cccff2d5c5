package io.zingtickets.booking;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;

import com.sun.net.httpserver.HttpServer;

/**
 * payment-service's reconciliation endpoint as its contract (docs/contracts.md) fixes it, for the
 * booking-service tests that cannot run payment-service itself: a booking it was told nothing about
 * has no claim, so it answers ABANDONED, as the real one does (ReconciliationTest in payment-service
 * proves that side against its real database).
 */
final class PaymentRecordsStandIn {

    private static HttpServer server;
    private static final Map<UUID, String> ANSWERS = new ConcurrentHashMap<>();
    private static final Set<UUID> ASKED = ConcurrentHashMap.newKeySet();

    private PaymentRecordsStandIn() {
    }

    static synchronized String start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/internal/payments/", exchange -> {
                String[] path = exchange.getRequestURI().getPath().split("/");
                UUID id = UUID.fromString(path[3]);
                ASKED.add(id);
                String status = ANSWERS.getOrDefault(id, "ABANDONED");
                String body = switch (status) {
                    case "COMPLETED" -> "{\"bookingId\":\"%s\",\"status\":\"COMPLETED\",\"paymentId\":\"pay_1\"}".formatted(id);
                    case "FAILED" -> "{\"bookingId\":\"%s\",\"status\":\"FAILED\",\"reason\":\"card_declined\"}".formatted(id);
                    default -> "{\"bookingId\":\"%s\",\"status\":\"%s\"}".formatted(id, status);
                };
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 200 : 405, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            // Tests steer it over HTTP: Quarkus loads test classes in more than one class loader, so a static
            // map written by the test would not be the one this server reads.
            server.createContext("/answers/", exchange -> {
                UUID id = UUID.fromString(exchange.getRequestURI().getPath().substring("/answers/".length()));
                ANSWERS.put(id, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.createContext("/asked/", exchange -> {
                UUID id = UUID.fromString(exchange.getRequestURI().getPath().substring("/asked/".length()));
                byte[] bytes = Boolean.toString(ASKED.contains(id)).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What the stand-in will answer about this booking from now on. */
    static void answer(UUID id, String status) {
        given().body(status).put(url() + "/answers/" + id).then().statusCode(204);
    }

    /** Whether the reconciler has asked about this booking. */
    static boolean asked(UUID id) {
        return Boolean.parseBoolean(given().get(url() + "/asked/" + id).then().statusCode(200).extract().asString());
    }

    private static String url() {
        return ConfigProvider.getConfig().getValue("zingtickets.reconciler.payment-service-url", String.class);
    }
}
