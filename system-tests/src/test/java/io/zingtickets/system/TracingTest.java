package io.zingtickets.system;

import static io.restassured.RestAssured.given;
import static io.zingtickets.system.JaegerTrace.in;
import static io.zingtickets.system.JaegerTrace.kind;
import static io.zingtickets.system.JaegerTrace.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.system.JaegerTrace.Span;

/**
 * One booking, one trace in a real Jaeger: from the HTTP request through PostgreSQL and Kafka to the
 * payment gateway and the SMTP server, with OpenTelemetry's names and attributes, the failure of a
 * declined card on the gateway span, no card, CVC or email address anywhere, latency exemplars that
 * lead to the trace, and services that shrug off a tracing backend outage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedSystem.class)
class TracingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SERVICES = List.of("booking-service", "payment-service", "email-service");
    static final String CARD = "4242424242424242";
    static final String DECLINED_CARD = "4000000000000002";
    /** Distinctive values planted in every booking, searched for in everything exported. */
    static final String CVC = "917";
    static final String BUYER_MARK = "tracer" + UUID.randomUUID().toString().replace("-", "");
    static final int GATEWAY_LATENCY_MS = ObservedSystem.GATEWAY_LATENCY_MS;
    static final int SPAN_QUEUE = ObservedSystem.SPAN_QUEUE;
    /** What Prometheus sends: OpenMetrics preferred, the text format as a fallback. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    static ObservedSystem observed;
    static RunningSystem system;
    static PrometheusServer prometheus;
    static final List<String> plantedEmails = new ArrayList<>();
    /** Every trace seen during the run, for the leak scan (Jaeger's memory is lost when it restarts). */
    static final Map<String, JaegerTrace> seenTraces = new HashMap<>();

    @BeforeAll
    static void useSharedSystem(ObservedSystem shared) {
        observed = shared;
        system = shared.system;
        prometheus = shared.prometheus;
    }

    @Test
    @Order(1)
    void aPaidBookingIsOneTraceFromTheApiThroughDatabaseAndKafkaToTheSmtpServer() {
        String id = book(1, 1, CARD);
        system.awaitBookingStatus(id, "CONFIRMED");
        JaegerTrace trace = awaitTrace(id, TracingTest::complete);

        assertThat(trace.spans()).extracting(Span::service).containsAll(SERVICES);
        // One root: the API request; every other span hangs off a span of the same trace.
        assertThat(trace.spans(s -> s.parentId() == null)).singleElement().satisfies(root -> {
            assertThat(root.service()).isEqualTo("booking-service");
            assertThat(root.kind()).isEqualTo("server");
            assertThat(root.name()).isEqualTo("POST /bookings");
            assertThat(root.tag("http.request.method")).isEqualTo("POST");
            assertThat(root.tag("http.route")).isEqualTo("/bookings");
            assertThat(root.tag("http.response.status_code")).isEqualTo("201");
            assertThat(root.isError()).isFalse();
        });
        assertThat(trace.spans(s -> s.parentId() != null)).allSatisfy(span -> assertThat(trace.byId(span.parentId()))
                .as("parent of %s (%s) in the trace", span.name(), span.service()).isPresent());
        Span root = trace.span(s -> s.parentId() == null).orElseThrow();

        // The business operation, with its id from @TelemetryAttribute, and the database under it.
        Span create = trace.span(in("booking-service").and(s -> s.name().equals("booking.create"))).orElseThrow();
        assertThat(create.tag("zingtickets.booking.id")).isEqualTo(id);
        assertThat(trace.descendsFrom(create, root)).isTrue();
        List<Span> database = trace.spans(in("booking-service").and(kind("client"))
                .and(s -> "postgresql".equals(s.tag("db.system.name")) || "postgresql".equals(s.tag("db.system"))));
        assertThat(database).as("PostgreSQL spans of booking.create").isNotEmpty()
                .anySatisfy(db -> assertThat(trace.descendsFrom(db, create)).isTrue())
                .allSatisfy(db -> assertThat(Optional.ofNullable(db.tag("db.query.text")).orElse(db.tag("db.statement")))
                        .as("statement of a database span").isNotBlank());

        // Kafka: produced under the request, consumed in payment-service as the producer's child.
        Span requested = messaging(trace, "booking-service", "producer", "booking.requested");
        assertThat(trace.descendsFrom(requested, create)).isTrue();
        Span paymentConsumer = messaging(trace, "payment-service", "consumer", "booking.requested");
        assertThat(trace.descendsFrom(paymentConsumer, requested)).isTrue();

        // The gateway call shows its simulated latency.
        Span gateway = trace.span(in("payment-service").and(s -> s.name().equals("payment.gateway.authorize"))).orElseThrow();
        assertThat(trace.descendsFrom(gateway, paymentConsumer)).isTrue();
        assertThat(gateway.tag("zingtickets.booking.id")).isEqualTo(id);
        assertThat(gateway.tag("zingtickets.gateway.simulated_latency_ms")).isEqualTo(Integer.toString(GATEWAY_LATENCY_MS));
        assertThat(gateway.durationMicros()).isGreaterThanOrEqualTo(GATEWAY_LATENCY_MS * 1000L);
        assertThat(gateway.isError()).isFalse();

        // The outcome, consumed by booking-service (status update) and email-service (the email).
        Span completed = messaging(trace, "payment-service", "producer", "payment.completed");
        assertThat(trace.descendsFrom(completed, gateway) || trace.descendsFrom(completed, paymentConsumer)).isTrue();
        Span settle = trace.span(in("booking-service").and(s -> s.name().equals("booking.settle"))).orElseThrow();
        assertThat(trace.descendsFrom(settle, messaging(trace, "booking-service", "consumer", "payment.completed"))).isTrue();
        assertThat(settle.tag("zingtickets.booking.id")).isEqualTo(id);
        assertThat(trace.descendsFrom(settle, completed)).isTrue();
        Span emailConsumer = messaging(trace, "email-service", "consumer", "payment.completed");
        assertThat(trace.descendsFrom(emailConsumer, completed)).isTrue();

        // The SMTP round trip, as a client span naming the server, never the recipient.
        Span deliver = trace.span(in("email-service").and(s -> s.name().equals("email.deliver"))).orElseThrow();
        assertThat(deliver.tag("zingtickets.booking.id")).isEqualTo(id);
        Span smtp = trace.span(in("email-service").and(kind("client")).and(tag("network.protocol.name", "smtp"))).orElseThrow();
        assertThat(smtp.name()).isEqualTo("smtp send");
        assertThat(smtp.tag("server.address")).isEqualTo("127.0.0.1");
        assertThat(smtp.tag("server.port")).isEqualTo(Integer.toString(system.smtp.smtpPort()));
        assertThat(smtp.tag("zingtickets.booking.id")).isEqualTo(id);
        assertThat(trace.descendsFrom(smtp, deliver)).isTrue();
        assertThat(trace.descendsFrom(deliver, emailConsumer)).isTrue();

        // Resource attributes name the service, its version and the environment.
        assertThat(trace.spans()).allSatisfy(span -> {
            assertThat(span.resource()).containsEntry("deployment.environment", "system-test")
                    .containsKey("service.version");
            assertThat(span.resource().get("service.version")).isNotBlank();
        });
    }

    @Test
    @Order(2)
    void aDeclinedCardIsAnErrorOnTheGatewaySpanNotOnTheRequest() {
        String id = book(2, 1, DECLINED_CARD);
        system.awaitBookingStatus(id, "FAILED");
        JaegerTrace trace = awaitTrace(id, TracingTest::complete);

        Span gateway = trace.span(in("payment-service").and(s -> s.name().equals("payment.gateway.authorize"))).orElseThrow();
        assertThat(gateway.isError()).as("gateway span marked as failed").isTrue();
        assertThat(gateway.tag("error.type")).isEqualTo("CARD_DECLINED");
        assertThat(gateway.tag("zingmonitor.outcome")).isEqualTo("CARD_DECLINED");
        // Only the gateway failed: the request was accepted, the consumers and the email worked.
        assertThat(trace.spans(JaegerTrace.Span::isError)).containsExactly(gateway);
        assertThat(messaging(trace, "payment-service", "producer", "payment.failed")).isNotNull();
    }

    @Test
    @Order(3)
    void latencyHistogramsCarryExemplarsThatLeadToTraces() {
        String id = book(1, 1, CARD);
        system.awaitBookingStatus(id, "CONFIRMED");
        JaegerTrace trace = awaitTrace(id, t -> t.span(in("payment-service").and(s -> s.name().equals("payment.gateway.authorize"))).isPresent());

        // Scraped the way Prometheus scrapes: OpenMetrics preferred, text as a fallback.
        String metrics = given().header("Accept", PROMETHEUS_ACCEPT)
                .get(managementUrl("booking-service") + "/q/metrics").then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("application/openmetrics-text"))
                .extract().asString();
        Set<String> httpExemplars = exemplarTraceIds(metrics, "http_server_requests_seconds_bucket", "uri=\"/bookings\"");
        assertThat(httpExemplars).as("trace ids on POST /bookings latency buckets").isNotEmpty();
        assertThat(exemplarTraceIds(metrics, "zingmonitor_operation_duration_seconds_bucket", "operation=\"booking.create\""))
                .as("trace ids on booking.create latency buckets").isNotEmpty();
        // An exemplar is a link to a trace Jaeger has.
        String linked = httpExemplars.iterator().next();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jaegerTrace(linked)).isPresent());
        assertThat(trace.traceId()).matches("[0-9a-f]{32}");

        // And Prometheus, scraping OpenMetrics, stores them (exemplar storage), so Grafana can show them.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode targets = prometheus.api("/api/v1/targets", Map.of());
            // The services' targets: the log shipper is scraped too, but serves no exemplars.
            List<JsonNode> services = new ArrayList<>();
            targets.at("/data/activeTargets").forEach(target -> {
                if (target.path("labels").hasNonNull("application")) {
                    services.add(target);
                }
            });
            assertThat(services).as("the services' Prometheus targets").hasSize(3).allSatisfy(target -> assertThat(
                    target.path("health").asText()).as("scrape of %s: %s", target.path("scrapeUrl").asText(),
                            target.path("lastError").asText()).isEqualTo("up"));
            JsonNode exemplars = prometheus.api("/api/v1/query_exemplars", Map.of(
                    "query", "http_server_requests_seconds_bucket{application=\"booking-service\",uri=\"/bookings\"}",
                    "start", Long.toString(Instant.now().minusSeconds(600).getEpochSecond()),
                    "end", Long.toString(Instant.now().plusSeconds(60).getEpochSecond())));
            List<String> traceIds = new ArrayList<>();
            exemplars.path("data").forEach(series -> series.path("exemplars")
                    .forEach(e -> traceIds.add(e.path("labels").path("trace_id").asText())));
            assertThat(traceIds).as("exemplar trace ids in Prometheus").isNotEmpty().allMatch(t -> t.matches("[0-9a-f]{32}"));
        });
    }

    @Test
    @Order(4)
    void noCardCvcOrEmailAddressInAnyExportedAttribute() {
        for (String service : SERVICES) {
            JsonNode traces = jaegerApi("/api/traces?service=" + service + "&limit=1000&lookback=1h");
            traces.path("data").forEach(t -> seenTraces.put(t.path("traceID").asText(), JaegerTrace.parse(t)));
        }
        List<Span> spans = seenTraces.values().stream().flatMap(t -> t.spans().stream()).toList();
        assertThat(spans.size()).as("spans scanned").isGreaterThan(50);
        assertThat(spans).extracting(Span::service).containsAll(SERVICES);
        Pattern cvc = Pattern.compile("(?<![0-9A-Za-z])" + CVC + "(?![0-9A-Za-z])");
        for (Span span : spans) {
            for (String value : span.allValues()) {
                assertThat(value).as("a value of span %s in %s", span.name(), span.service())
                        .doesNotContain(CARD).doesNotContain(DECLINED_CARD).doesNotContain(BUYER_MARK)
                        .doesNotContainPattern(cvc);
                plantedEmails.forEach(email -> assertThat(value).doesNotContainIgnoringCase(email));
            }
        }
    }

    @Test
    @Order(5)
    void withTheBackendDownServicesServeAsUsualCountDroppedSpansAndRecoverWhenItReturns() {
        double droppedBefore = droppedSpans();
        double errorsBefore = serverErrors();
        observed.stopJaeger();

        List<String> duringOutage = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            duringOutage.add(book(1, 1, CARD));
        }
        duringOutage.forEach(id -> system.awaitBookingStatus(id, "CONFIRMED"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(droppedSpans()).as("spans counted as dropped").isGreaterThan(droppedBefore));
        assertThat(serverErrors()).as("5xx answers while tracing is down").isEqualTo(errorsBefore);
        for (String service : SERVICES) {
            assertThat(metric(service, "zingmonitor_spans_queued")).as("export queue of %s", service)
                    .isLessThanOrEqualTo(SPAN_QUEUE);
        }

        observed.startJaeger();
        String after = book(1, 1, CARD);
        system.awaitBookingStatus(after, "CONFIRMED");
        JaegerTrace trace = awaitTrace(after, TracingTest::complete);
        assertThat(trace.spans()).extracting(Span::service).containsAll(SERVICES);
    }

    /** The last spans to end: the email's delivery (after the SMTP send) and the booking's settlement. */
    private static boolean complete(JaegerTrace trace) {
        return trace.span(in("email-service").and(s -> s.name().equals("email.deliver"))).isPresent()
                && trace.span(in("email-service").and(tag("network.protocol.name", "smtp"))).isPresent()
                && trace.span(in("booking-service").and(s -> s.name().equals("booking.settle"))).isPresent();
    }

    private static Span messaging(JaegerTrace trace, String service, String kind, String topic) {
        return trace.span(in(service).and(kind(kind)).and(tag("messaging.destination.name", topic))
                .and(tag("messaging.system", "kafka")))
                .orElseThrow(() -> new AssertionError("no " + kind + " span for " + topic + " in " + service + ": "
                        + trace.spans().stream().map(s -> s.service() + " " + s.kind() + " " + s.name() + " " + s.tags()).toList()));
    }

    private static String book(long event, int seats, String card) {
        String buyer = BUYER_MARK + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        plantedEmails.add(buyer);
        return system.book(event, seats, buyer, card, CVC).statusCode(201).extract().path("id");
    }


    /** The booking's trace, found the way a user would: by its id, once it has the spans {@code complete} needs. */
    private static JaegerTrace awaitTrace(String bookingId, java.util.function.Predicate<JaegerTrace> complete) {
        AtomicReference<JaegerTrace> found = new AtomicReference<>();
        String tags = URLEncoder.encode("{\"zingtickets.booking.id\":\"" + bookingId + "\"}", StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode data = jaegerApi("/api/traces?service=booking-service&lookback=1h&tags=" + tags).path("data");
            assertThat(data.size()).as("traces of booking %s", bookingId).isEqualTo(1);
            JaegerTrace trace = jaegerTrace(data.get(0).path("traceID").asText()).orElseThrow();
            assertThat(complete.test(trace)).as("trace of booking %s complete: %s", bookingId,
                    trace.spans().stream().map(s -> s.service() + ":" + s.name()).toList()).isTrue();
            found.set(trace);
        });
        seenTraces.put(found.get().traceId(), found.get());
        return found.get();
    }

    private static Optional<JaegerTrace> jaegerTrace(String traceId) {
        JsonNode data = jaegerApi("/api/traces/" + traceId).path("data");
        return data.isEmpty() ? Optional.empty() : Optional.of(JaegerTrace.parse(data.get(0)));
    }

    private static JsonNode jaegerApi(String path) {
        try {
            return JSON.readTree(given().urlEncodingEnabled(false).get(observed.jaeger().url() + path).then().extract().asString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> exemplarTraceIds(String openMetrics, String series, String label) {
        Set<String> ids = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^" + series + "\\{([^}]*)\\} \\S+ # \\{([^}]*)\\}").matcher(openMetrics);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                Matcher id = Pattern.compile("trace_id=\"([0-9a-f]{32})\"").matcher(m.group(2));
                if (id.find()) {
                    ids.add(id.group(1));
                }
            }
        }
        return ids;
    }

    private static String managementUrl(String service) {
        return "http://127.0.0.1:" + system.managementPorts.get(service);
    }

    private static double droppedSpans() {
        return SERVICES.stream().mapToDouble(s -> metric(s, "zingmonitor_spans_dropped_total")).sum();
    }

    private static double serverErrors() {
        return SERVICES.stream().mapToDouble(s -> metric(s, "http_server_requests_seconds_count", "status=\"5")).sum();
    }

    /** The sum of a metric's samples in one service's text exposition, optionally only those whose labels contain {@code filter}. */
    private static double metric(String service, String name, String... filter) {
        String text = given().header("Accept", "text/plain").get(managementUrl(service) + "/q/metrics").then().statusCode(200)
                .extract().asString();
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)").matcher(text);
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (filter.length == 0 || labels.contains(filter[0])) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
