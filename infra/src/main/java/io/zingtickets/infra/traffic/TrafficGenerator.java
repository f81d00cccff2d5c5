package io.zingtickets.infra.traffic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Books tickets continuously like a crowd of real clients: mostly good bookings, some declined cards,
 * some invalid requests, some for events that sell out, and reads of events and bookings. A few API
 * keys stand for a few client applications. Prints a summary by status every 10 seconds.
 */
public final class TrafficGenerator {

    private static final String VISA = "4242424242424242";
    private static final String DECLINED = "4000000000000002";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final String baseUrl;
    private final double requestsPerSecond;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "traffic-generator");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> recentBookings = new ConcurrentLinkedDeque<>();

    public TrafficGenerator(String baseUrl, double requestsPerSecond) {
        this.baseUrl = baseUrl;
        this.requestsPerSecond = requestsPerSecond;
    }

    public static void main(String[] args) throws InterruptedException {
        TrafficGenerator generator = new TrafficGenerator(args.length > 0 ? args[0] : "http://localhost:8081",
                args.length > 1 ? Double.parseDouble(args[1]) : 2);
        generator.start();
        Runtime.getRuntime().addShutdownHook(new Thread(generator::stop));
        Thread.currentThread().join();
    }

    public void start() {
        long periodMicros = Math.max(1_000, (long) (1_000_000 / requestsPerSecond));
        scheduler.scheduleAtFixedRate(this::oneRequest, 0, periodMicros, TimeUnit.MICROSECONDS);
        scheduler.scheduleAtFixedRate(this::printSummary, 10, 10, TimeUnit.SECONDS);
    }

    public void stop() {
        scheduler.shutdownNow();
    }

    private void oneRequest() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int dice = random.nextInt(100);
        String client = "client-" + (1 + random.nextInt(5));
        String email = "buyer-" + random.nextInt(10_000) + "@example.com";
        HttpRequest request;
        if (dice < 55) {
            request = booking(client, body(1 + random.nextInt(2), 1 + random.nextInt(4), email, VISA, "12/30"));
        } else if (dice < 63) {
            request = booking(client, body(1, 1 + random.nextInt(2), email, DECLINED, "11/29"));
        } else if (dice < 71) {
            request = booking(client, body(3 + random.nextInt(2), 1 + random.nextInt(3), email, VISA, "10/28"));
        } else if (dice < 75) {
            request = booking(client, body(1, 0, email, VISA, "12/30"));
        } else if (dice < 78) {
            request = booking(client, body(1, 2, "not-an-email", VISA, "12/30"));
        } else if (dice < 80) {
            request = booking(client, body(2, 1, email, "4242424242424241", "12/30"));
        } else if (dice < 90 && !recentBookings.isEmpty()) {
            request = get(client, "/bookings/" + recentBookings.peekFirst());
        } else {
            request = get(client, "/events");
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            byStatus.computeIfAbsent(Integer.toString(response.statusCode()), s -> new LongAdder()).increment();
            if (response.statusCode() == 201) {
                Matcher id = ID.matcher(response.body());
                if (id.find()) {
                    recentBookings.addFirst(id.group(1));
                    if (recentBookings.size() > 100) {
                        recentBookings.pollLast();
                    }
                }
            }
        } catch (Exception e) {
            byStatus.computeIfAbsent("connection error", s -> new LongAdder()).increment();
        }
    }

    private HttpRequest booking(String client, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/bookings")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-API-Key", client)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest get(String client, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("X-API-Key", client).GET().build();
    }

    private static String body(long eventId, int seats, String email, String card, String expiry) {
        return "{\"eventId\":" + eventId + ",\"seats\":" + seats + ",\"buyerEmail\":\"" + email
                + "\",\"card\":{\"number\":\"" + card + "\",\"expiry\":\"" + expiry + "\",\"cvc\":\"123\"}}";
    }

    private void printSummary() {
        Map<String, Long> counts = new TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.sum()));
        System.out.println("traffic: responses by status since start " + counts);
    }
}
