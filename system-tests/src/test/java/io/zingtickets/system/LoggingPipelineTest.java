package io.zingtickets.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.zingtickets.infra.OperatorCredential;
import io.zingtickets.infra.LogShipper;
import io.zingtickets.infra.OpenSearchNode;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.infra.Tools;
import io.zingtickets.infra.logging.LogPipelineSetup;

/**
 * The log pipeline end to end, with the real parts: the three services write ECS JSON to stdout and to
 * their files, Telegraf ships the files into a real OpenSearch node, whose ingest pipeline and index
 * template are the committed ones (monitoring/logging/). One booking's story is found by its trace id;
 * errors by level with their stack trace; nothing a client plants (cards, CVCs, passwords, tokens,
 * emails) reaches any log line anywhere; user input cannot forge or break a line. Prometheus watches the
 * shipper itself with the log-shipping alerts.
 */
@ExtendWith(SharedSystem.class)
class LoggingPipelineTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SERVICES = List.of("booking-service", "payment-service", "email-service");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    // Planted values: each must never appear in any log line. Distinct from anything the system
    // produces by itself, so a hit is a leak, not a coincidence.
    static final String CARD = "4111111111111111";
    static final String CARD_SPACED = "4111 1111 1111 1111";
    static final String CARD_DASHED = "4111-1111-1111-1111";
    static final String CVC = "0429";
    static final String PASSWORD = "Pl4nted-Passw0rd-Zq";
    static final String TOKEN = "plantedtoken.eyJzdWIiOiJsZWFrIn0.c2ln";
    static final String EMAIL = "leak.victim.zq@example.org";
    static final List<String> PLANTED = List.of(CARD, CARD_SPACED, CARD_DASHED, PASSWORD, TOKEN, EMAIL);
    /** A short number could occur inside others (durations, ports): only standalone occurrences count. */
    static final Pattern PLANTED_CVC = Pattern.compile("(?<![0-9A-Za-z])" + CVC + "(?![0-9A-Za-z])");

    static RunningSystem system;
    static OpenSearchNode openSearch;
    static PrometheusServer prometheus;

    @BeforeAll
    static void useSharedSystem(ObservedSystem shared) {
        system = shared.system;
        openSearch = shared.openSearch;
        prometheus = shared.prometheus;
    }

    @Test
    void aBookingsLinesFromAllThreeServicesAreFoundByItsTraceIdInOrder() {
        String id = book(1, 1, "ada-" + System.nanoTime() + "@example.com", "4242424242424242", "123");
        system.awaitBookingStatus(id, "CONFIRMED");
        Instant confirmed = Instant.now();
        String traceId = traceIdOf(id);

        List<JsonNode> story = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> search("trace.id:\"" + traceId + "\"", "asc"),
                        hits -> services(hits).containsAll(SERVICES) && hits.stream().anyMatch(h -> h.path("message").asText().startsWith("Sent the")));
        Duration searchable = Duration.between(confirmed, Instant.now());
        System.out.println("A booking's lines from all three services were searchable " + searchable.toMillis() + " ms after CONFIRMED");
        assertThat(searchable).as("searchable within a few seconds").isLessThan(Duration.ofSeconds(15));

        assertThat(story).allSatisfy(hit -> assertThat(hit.path("trace.id").asText(hit.path("trace").path("id").asText())).isEqualTo(traceId));
        List<String> timestamps = story.stream().map(h -> h.path("@timestamp").asText()).toList();
        assertThat(timestamps).isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
        // The order of the story: created in booking-service, then paid, then the email.
        int created = indexOf(story, "booking-service", "Booking " + id + " created");
        int paid = indexOf(story, "payment-service", "Payment of booking " + id);
        int mailed = indexOf(story, "email-service", "Sent the");
        assertThat(created).as("booking created line").isNotNegative();
        assertThat(paid).as("payment line after the booking line").isGreaterThan(created);
        assertThat(mailed).as("email line after the payment line").isGreaterThan(paid);
        // The caller's hashed client id crosses both Kafka hops with the messages.
        String client = field(story.get(created), "client.id");
        assertThat(client).as("client id of the booking request").matches("[0-9a-f]{12}");
        assertThat(field(story.get(paid), "client.id")).as("client id in payment-service").isEqualTo(client);
        assertThat(field(story.get(mailed), "client.id")).as("client id in email-service").isEqualTo(client);
    }

    @Test
    void aGatewayFailureIsFoundByLevelWithItsStackTraceAndCounted() {
        // A declined card is a customer's answer, logged at INFO; a gateway outage is an error.
        double errorsBefore = errorLogEvents("payment-service");
        setGatewayFailureRate(1.0);
        String id;
        try {
            id = book(1, 1, "grace-" + System.nanoTime() + "@example.com", "4242424242424242", "123");
            system.awaitBookingStatus(id, "FAILED");
        } finally {
            setGatewayFailureRate(0);
        }
        String traceId = traceIdOf(id);
        List<JsonNode> errors = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> search("log.level:ERROR AND trace.id:\"" + traceId + "\"", "asc"), hits -> !hits.isEmpty());
        JsonNode error = errors.get(0);
        assertThat(field(error, "service.name")).isEqualTo("payment-service");
        assertThat(error.path("message").asText()).contains("Card gateway failed authorizing booking " + id);
        assertThat(field(error, "error.type")).isEqualTo("io.zingtickets.payment.gateway.CardGatewayFailure");
        assertThat(field(error, "error.stack_trace")).contains("CardGatewayFailure", "\tat io.zingtickets.payment.charge.PaymentService");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(errorLogEvents("payment-service"))
                .as("zingmonitor_log_events_total{level=ERROR} rises with the ERROR line").isGreaterThan(errorsBefore));
    }

    @Test
    void theIndexUsesTheTemplatesMappingsAndEveryLoggedFieldIsMapped() throws IOException {
        book(1, 1, "mapping-" + System.nanoTime() + "@example.com", "4242424242424242", "123");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("*:*") > 20);
        JsonNode template = JSON.readTree(Tools.repositoryRoot().resolve("monitoring/logging/opensearch/index-template.json").toFile());
        JsonNode mappings = get("/" + LogPipelineSetup.ALIAS + "/_mapping");
        assertThat(mappings.size()).as("one index behind the alias").isEqualTo(1);
        JsonNode inUse = mappings.elements().next().path("mappings");
        assertThat(inUse).as("the mappings in use are the template's: nothing added dynamically")
                .isEqualTo(template.path("template").path("mappings"));

        Set<String> mapped = new TreeSet<>();
        collectPaths(inUse.path("properties"), "", mapped);
        Set<String> unmapped = new TreeSet<>();
        for (JsonNode hit : searchAll()) {
            Set<String> fields = new TreeSet<>();
            collectFields(hit, "", fields);
            fields.stream().filter(f -> !mapped.contains(f)).forEach(unmapped::add);
        }
        assertThat(unmapped).as("fields the services log that the template does not map (unsearchable under dynamic=false)").isEmpty();
    }

    @Test
    void plantedSecretsAppearInNoLogLineOnStdoutInTheFilesOrInOpenSearch() throws IOException {
        String booked = plantSecretsEverywhere();
        system.awaitBookingStatus(booked, "CONFIRMED");
        // The planted booking produced lines in all three services: the scan below covers them.
        String traceId = traceIdOf(booked);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> services(search("trace.id:\"" + traceId + "\"", "asc")).containsAll(SERVICES));
        awaitShipped();

        List<String> leaks = new ArrayList<>();
        for (Path file : logFiles()) {
            scan(file.toString(), Files.readString(file), leaks);
        }
        for (JsonNode hit : searchAll()) {
            scan("opensearch " + hit.path("@timestamp").asText(), hit.toString(), leaks);
        }
        assertThat(leaks).as("planted secrets found in logs").isEmpty();
        assertThat(search("trace.id:\"" + traceId + "\" AND log.level:DEBUG", "asc"))
                .as("the planted booking's payloads were logged (masked), so the scan covered them")
                .extracting(hit -> hit.path("message").asText())
                .anySatisfy(m -> assertThat(m).startsWith("Booking requested:").contains("[REDACTED]"))
                .anySatisfy(m -> assertThat(m).startsWith("Received"));
    }

    @Test
    void userInputCannotBreakOrForgeALogLine() throws IOException {
        String injection = "x\n{\"log.level\":\"ERROR\",\"message\":\"forged\"}\r\n\u001b[31mred\u001b[0m\",\"}\\\u0000\u2028end";
        String encoded = URLEncoder.encode(injection, StandardCharsets.UTF_8);
        String booking = system.url("booking-service");
        given().header("User-Agent", injection.replaceAll("[\\r\\n\\u0000]", " ")).header("X-API-Key", "inj\u001b[0m\"}")
                .contentType(ContentType.JSON).body("{\"eventId\":1,\"seats\":1,\"buyerEmail\":" + JSON.writeValueAsString(injection)
                        + ",\"card\":{\"number\":" + JSON.writeValueAsString(injection) + ",\"expiry\":\"12/30\",\"cvc\":\"123\"},"
                        + JSON.writeValueAsString(injection) + ":1}")
                .post(booking + "/bookings?note=" + encoded).then().statusCode(400);
        given().get(booking + "/events/" + encoded).then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().get(booking + "/bookings/" + encoded + "?q=" + encoded).then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        awaitShipped();

        for (Path file : logFiles()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode json = parse(file, line);
                assertThat(json.isObject()).as("every line of %s is one JSON object", file).isTrue();
                assertThat(line).as("no raw control character in %s", file).doesNotContain("\u001b", "\u0000", "\r");
                if (json.path("message").asText().contains("forged") || json.path("log.level").asText().equals("ERROR")) {
                    assertThat(json.path("message").asText()).as("an ERROR line comes from the code, never from input")
                            .doesNotContain("forged");
                }
            }
        }
        assertThat(count("message:forged")).as("no forged document in OpenSearch").isZero();
    }

    /**
     * The shipper's own counters reach Prometheus (and only they: a log line there would be a leak), and the
     * log-shipping alerts evaluate them, quiet while every line is shipped. That nothing but log lines reaches
     * OpenSearch is {@link #awaitShipped()}'s count.
     */
    @Test
    void prometheusWatchesTheShippersDropsAndBacklog() {
        String shipper = "job=\"" + LogShipper.SCRAPE_JOB + "\"";
        String opensearchOutput = shipper + ",output=\"opensearch\"";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(prometheusValues("up{" + shipper + "}")).as("the shipper's scrape target is up").containsExactly(1.0);
            assertThat(prometheusValues("internal_write_metrics_written{" + opensearchOutput + "}"))
                    .as("lines written to OpenSearch").singleElement().satisfies(v -> assertThat(v).isPositive());
            assertThat(prometheusValues("internal_write_metrics_dropped{" + opensearchOutput + "}")).containsExactly(0.0);
            assertThat(prometheusValues("internal_write_buffer_size{" + opensearchOutput + "}")).hasSize(1);
        });
        assertThat(prometheusValues("count({" + shipper + ",__name__!~\"internal_.*|process_.*|up|scrape_.*\"})"))
                .as("series of the shipper other than its own counters").isEmpty();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<JsonNode> logShipping = new ArrayList<>();
            prometheusApi("/api/v1/rules", "type", "alert").path("data").path("groups").forEach(group -> group.path("rules")
                    .forEach(rule -> {
                        if ("log-shipper".equals(rule.path("labels").path("service").asText())) {
                            logShipping.add(rule);
                        }
                    }));
            assertThat(logShipping).extracting(rule -> rule.path("name").asText())
                    .contains("LogShippingDropping", "LogShippingBacklog", "LogShipperDown");
            assertThat(logShipping).allSatisfy(rule -> {
                assertThat(rule.path("health").asText()).as("%s evaluates", rule.path("name").asText()).isEqualTo("ok");
                assertThat(rule.path("state").asText()).as("%s on a healthy shipper", rule.path("name").asText())
                        .isEqualTo("inactive");
            });
        });
    }

    // ---- the booking flow ----

    private static String book(long event, int seats, String buyer, String card, String cvc) {
        return system.book(event, seats, buyer, card, cvc).statusCode(201).extract().path("id");
    }


    private static void setGatewayFailureRate(double rate) {
        given().auth().preemptive().basic(OperatorCredential.USER, OperatorCredential.PASSWORD)
                .contentType(ContentType.JSON).body("{\"latencyMs\":" + ObservedSystem.GATEWAY_LATENCY_MS + ",\"jitterMs\":0,\"failureRate\":" + rate + "}")
                .put(system.url("payment-service") + "/admin/gateway").then().statusCode(200);
    }

    /** The trace id of a booking, from its first line in booking-service's JSON file. */
    private static String traceIdOf(String bookingId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> fileLines(system.dir.resolve("booking-service"))
                .filter(json -> bookingId.equals(json.path("mdc").path("zingtickets.booking.id").asText()))
                .map(json -> json.path("mdc").path("trace.id").asText(""))
                .filter(t -> !t.isEmpty()).findFirst().orElse(null), t -> t != null);
    }

    private static double errorLogEvents(String service) {
        String metrics = given().get("http://127.0.0.1:" + system.managementPorts.get(service) + "/q/metrics").asString();
        Matcher m = Pattern.compile("(?m)^zingmonitor_log_events_total\\{[^}]*level=\"ERROR\"[^}]*\\} ([0-9.eE+-]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /**
     * One booking and a set of refused requests, each carrying the planted secrets in every field,
     * header and query parameter a client can set. Returns the booking's id.
     */
    private static String plantSecretsEverywhere() {
        String booking = system.url("booking-service");
        String query = "?password=" + PASSWORD + "&card=" + CARD + "&cvc=" + CVC + "&email=" + EMAIL + "&access_token=" + TOKEN;
        Map<String, String> headers = Map.of(
                "Authorization", "Bearer " + TOKEN,
                "X-API-Key", CARD,
                "Cookie", "session=" + TOKEN + "; password=" + PASSWORD,
                "User-Agent", "agent " + EMAIL + " " + CARD_SPACED,
                "Referer", "http://example.org/?card=" + CARD + "&password=" + PASSWORD,
                "X-Forwarded-For", EMAIL,
                "X-Password", PASSWORD,
                "X-Card-Cvc", CVC);
        // Accepted: a real booking paid with the planted card and CVC, mailed to the planted address.
        String id = given().headers(headers).contentType(ContentType.JSON)
                .body("{\"eventId\":1,\"seats\":1,\"buyerEmail\":\"" + EMAIL + "\",\"card\":{\"number\":\"" + CARD
                        + "\",\"expiry\":\"12/30\",\"cvc\":\"" + CVC + "\"}}")
                .post(booking + "/bookings" + query).then().statusCode(201).extract().path("id");
        // Refused for each reason a body can be refused, the secrets in the refused parts.
        List<String> refusedBodies = List.of(
                "{\"eventId\":1,\"seats\":1,\"buyerEmail\":\"" + EMAIL + "\",\"card\":{\"number\":\"" + CARD_DASHED
                        + "\",\"expiry\":\"01/20\",\"cvc\":\"" + CVC + "\"},\"password\":\"" + PASSWORD + "\"}",
                "{\"eventId\":1,\"seats\":0,\"buyerEmail\":\"not-an-email " + PASSWORD + "\",\"card\":{\"number\":\"" + CARD
                        + "\",\"expiry\":\"12/30\",\"cvc\":\"" + CVC + "\"}}",
                "{\"eventId\":\"" + CARD + "\",\"seats\":1,\"buyerEmail\":\"" + EMAIL + "\",\"token\":\"" + TOKEN + "\"}",
                "{\"eventId\":1,\"card\":{\"number\":\"" + CARD_SPACED + "\",\"cvc\":\"" + CVC + "\" broken json " + PASSWORD,
                "{\"" + CARD + "\":\"" + EMAIL + "\",\"" + PASSWORD + "\":\"" + TOKEN + "\"}");
        for (String body : refusedBodies) {
            given().headers(headers).contentType(ContentType.JSON).body(body).post(booking + "/bookings" + query)
                    .then().statusCode(400);
        }
        given().headers(headers).contentType("text/plain").body(CARD + " " + PASSWORD).post(booking + "/bookings" + query)
                .then().statusCode(415);
        given().headers(headers).get(booking + "/bookings/" + CARD + query).then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().headers(headers).get(booking + "/events/" + EMAIL + query).then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().headers(headers).get(booking + "/" + TOKEN + query).then().statusCode(404);
        given().headers(headers).contentType(ContentType.JSON).body("{\"latencyMs\":\"" + CARD + "\",\"password\":\"" + PASSWORD + "\"}")
                .put(system.url("payment-service") + "/admin/gateway" + query).then().statusCode(401); // no operator credential
        given().headers(headers).get(system.url("email-service") + "/emails/" + EMAIL + query)
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        return id;
    }

    private static void scan(String where, String text, List<String> leaks) {
        for (String planted : PLANTED) {
            if (text.toLowerCase(java.util.Locale.ROOT).contains(planted.toLowerCase(java.util.Locale.ROOT))) {
                leaks.add(where + ": " + planted);
            }
        }
        if (PLANTED_CVC.matcher(text).find()) {
            leaks.add(where + ": the planted CVC");
        }
    }

    // ---- logs on disk ----

    /** Every log the services wrote: stdout (<run>/<service>.log) and the rotating files (<run>/<service>/logs/). */
    private static List<Path> logFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String service : SERVICES) {
            files.add(system.dir.resolve(service + ".log"));
            Path dir = system.dir.resolve(service).resolve("logs");
            try (Stream<Path> rotated = Files.list(dir)) {
                rotated.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertThat(files).as("stdout and file logs of three services").hasSizeGreaterThanOrEqualTo(6);
        return files;
    }

    private static Stream<JsonNode> fileLines(Path serviceDir) throws IOException {
        Path dir = serviceDir.resolve("logs");
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("{")) {
                        try {
                            lines.add(JSON.readTree(line));
                        } catch (IOException e) {
                            // a line being written right now
                        }
                    }
                }
            }
        }
        return lines.stream();
    }

    private static JsonNode parse(Path file, String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not one JSON object per line in " + file + ": " + line, e);
        }
    }

    /** Waits until OpenSearch holds as many documents as the services' files hold lines. */
    private static void awaitShipped() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            long lines = 0;
            for (String service : SERVICES) {
                try (Stream<Path> files = Files.list(system.dir.resolve(service).resolve("logs"))) {
                    for (Path file : files.toList()) {
                        lines += Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
                    }
                }
            }
            assertThat(count("*:*")).as("one document per log line, none split, none lost").isEqualTo(lines);
        });
    }

    // ---- Prometheus ----

    private static List<Double> prometheusValues(String query) {
        List<Double> values = new ArrayList<>();
        prometheusApi("/api/v1/query", "query", query).path("data").path("result")
                .forEach(series -> values.add(series.path("value").path(1).asDouble()));
        return values;
    }

    private static JsonNode prometheusApi(String path, String parameter, String value) {
        return prometheus.api(path, Map.of(parameter, value));
    }

    // ---- OpenSearch ----

    private static List<JsonNode> search(String query, String order) {
        JsonNode result = get("/" + LogPipelineSetup.ALIAS + "/_search?size=500&sort=@timestamp:" + order + ",event.sequence:" + order
                + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        List<JsonNode> hits = new ArrayList<>();
        result.path("hits").path("hits").forEach(hit -> hits.add(hit.path("_source")));
        return hits;
    }

    private static List<JsonNode> searchAll() {
        get("/" + LogPipelineSetup.ALIAS + "/_refresh");
        return search("*:*", "asc").size() < 500 ? search("*:*", "asc") : scroll();
    }

    private static List<JsonNode> scroll() {
        List<JsonNode> all = new ArrayList<>();
        JsonNode page = get("/" + LogPipelineSetup.ALIAS + "/_search?scroll=1m&size=1000&q=*:*");
        while (page.path("hits").path("hits").size() > 0) {
            page.path("hits").path("hits").forEach(hit -> all.add(hit.path("_source")));
            page = post("/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}");
        }
        return all;
    }

    private static long count(String query) {
        get("/" + LogPipelineSetup.ALIAS + "/_refresh");
        return get("/" + LogPipelineSetup.ALIAS + "/_count?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).path("count").asLong();
    }

    private static JsonNode get(String path) {
        return request("GET", path, null);
    }

    private static JsonNode post(String path, String body) {
        return request("POST", path, body);
    }

    private static JsonNode request(String method, String path, String body) {
        var response = LogPipelineSetup.send(HTTP, method, openSearch.url() + path, body);
        try {
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field by its ECS name, whether the document holds it dotted ("a.b") or nested ({"a":{"b"}}). */
    private static String field(JsonNode source, String name) {
        if (source.has(name)) {
            return source.get(name).asText();
        }
        JsonNode node = source;
        for (String part : name.split("\\.")) {
            node = node.path(part);
        }
        return node.asText();
    }

    private static Set<String> services(List<JsonNode> hits) {
        Set<String> services = new LinkedHashSet<>();
        hits.forEach(h -> services.add(field(h, "service.name")));
        return services;
    }

    private static int indexOf(List<JsonNode> story, String service, String messageStart) {
        for (int i = 0; i < story.size(); i++) {
            if (field(story.get(i), "service.name").equals(service) && story.get(i).path("message").asText().startsWith(messageStart)) {
                return i;
            }
        }
        return -1;
    }

    private static void collectPaths(JsonNode properties, String prefix, Set<String> paths) {
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            if (field.getValue().has("properties")) {
                collectPaths(field.getValue().path("properties"), path + ".", paths);
            } else {
                paths.add(path);
            }
        }
    }

    /** Leaf paths of a document, dotted keys and nesting alike; a flat_object's inside is its own. */
    private static void collectFields(JsonNode node, String prefix, Set<String> fields) {
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String path = prefix + entry.getKey();
            if (entry.getValue().isObject() && !path.equals("kubernetes.labels")) {
                collectFields(entry.getValue(), path + ".", fields);
            } else {
                fields.add(path);
            }
        }
    }
}
