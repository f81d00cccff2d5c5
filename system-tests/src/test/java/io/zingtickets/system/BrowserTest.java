package io.zingtickets.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.zingtickets.infra.AlertmanagerServer;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.infra.Tools;
import io.zingtickets.infra.stack.InfrastructureComponents;
import io.zingtickets.infra.stack.LocalStack;
import io.zingtickets.infra.stack.ServiceComponent;

/**
 * The web pages `make run` prints, opened in a real headless Chromium (Debian's, unpacked by
 * {@code make tools-browser}) against the running system: the pages render their real content, not an
 * error or a placeholder. Each page's screenshot goes to {@code target/screenshots/}; with
 * {@code -Dzingtickets.screenshots.write=true} ({@code make screenshots}) also to {@code docs/screenshots/},
 * which the README shows.
 */
@ExtendWith(SharedSystem.class)
class BrowserTest {

    static final List<String> SERVICES = List.of("booking-service", "payment-service", "email-service");
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

    static ObservedSystem observed;
    static RunningSystem system;
    static PrometheusServer prometheus;
    static AlertmanagerServer alertmanager;
    static WebDriver browser;
    /** A booking made for this class, settled and emailed: the placeholders of the printed URLs stand for it. */
    static String bookingId;
    static String traceId;

    @BeforeAll
    static void start(ObservedSystem shared) throws Exception {
        Path chromium = Tools.require("chromium/chromium");
        Path chromedriver = Tools.require("chromium/chromedriver");
        observed = shared;
        system = shared.system;
        prometheus = shared.prometheus;
        alertmanager = shared.alertmanager;
        Path dir = Files.createDirectories(system.dir.resolve("browser"));
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile());
        // Without the background-networking flags Chromium keeps calling Google's hosts, which a closed
        // network refuses; --no-sandbox because tests may run as root.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1400, 900));
        // One booking, so the services' request metrics have a series beyond startup and the printed URLs
        // that name a booking or a trace have one to show.
        bookingId = system.book(1, 1, "ada@example.com", "4242424242424242", "123").statusCode(201).extract().path("id");
        system.awaitBookingStatus(bookingId, "CONFIRMED");
        // The email goes out after the settlement, through Kafka; the printed mailbox URL is a JSON page opened
        // once, so the buyer's mailbox must exist before it is opened.
        system.mailbox().waitForMessages("ada@example.com", 1, Duration.ofSeconds(30));
        traceId = awaitTraceId(bookingId);
        // The graph page runs its query once, when it opens: wait for Prometheus's first scrape of all three
        // services, or a test that runs first finds no data and never sees any.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> prometheus.query("up{job=\"zingtickets\"} == 1").size() == SERVICES.size());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The booking's trace id, found as a user would: Jaeger's search by the booking id span attribute. */
    static String awaitTraceId(String booking) {
        String tags = URLEncoder.encode("{\"zingtickets.booking.id\":\"" + booking + "\"}", StandardCharsets.UTF_8);
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> io.restassured.RestAssured.given()
                .urlEncodingEnabled(false).get(observed.jaeger().url() + "/api/traces?service=booking-service&lookback=1h&tags=" + tags)
                .then().extract().jsonPath().getString("data[0].traceID"), id -> id != null && id.matches("[0-9a-f]{32}"));
    }

    @Test
    void prometheusGraphPageRunsAQueryAndShowsItsSeries() throws IOException {
        String query = "up{job=\"zingtickets\"}";
        open(prometheus.url() + "/query?g0.expr=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&g0.tab=graph&g0.range_input=1m");
        // The legend lists one series per scraped service once the query has run and the graph is drawn.
        awaitText(text -> SERVICES.stream().allMatch(text::contains) && !browser.findElements(By.cssSelector("canvas")).isEmpty());
        screenshot("prometheus-graph");
    }

    @Test
    void prometheusTargetsPageListsTheThreeServicesUp() throws IOException {
        open(prometheus.url() + "/targets");
        awaitText(text -> SERVICES.stream().allMatch(text::contains) && count(text, "\\bUP\\b") >= SERVICES.size());
        assertThat(text()).doesNotContain("DOWN");
        screenshot("prometheus-targets");
    }

    @Test
    void prometheusAlertsPageListsEveryGeneratedRule() throws IOException {
        List<String> alerts = alertNames();
        assertThat(alerts).hasSizeGreaterThan(10);
        open(prometheus.url() + "/alerts");
        awaitText(text -> alerts.stream().allMatch(text::contains));
        screenshot("prometheus-alerts");
    }

    @Test
    void alertmanagerUiListsAFiringAlertAndShowsItsReceivers() throws IOException {
        // A firing alert as Prometheus posts it (the rules do not fire in a healthy system within a test).
        String alert = """
                [{"labels": {"alertname": "ServiceDown", "severity": "critical", "service": "booking-service"},
                  "annotations": {"summary": "booking-service is down"}}]""";
        io.restassured.RestAssured.given().contentType("application/json").body(alert)
                .post(alertmanager.url() + "/api/v2/alerts").then().statusCode(200);
        // Filtered to this alert: the shared system's own rules may have fired others by now.
        open(alertmanager.url() + "/#/alerts?filter=" + URLEncoder.encode("{alertname=\"ServiceDown\",service=\"booking-service\"}",
                StandardCharsets.UTF_8));
        // The alert list shows the alert under the receiver the route picked (pages go to on-call), with its labels.
        awaitText(text -> count(text, "(?m)^on-call$") == 1 && text.contains("alertname=\"ServiceDown\"")
                && text.contains("service=\"booking-service\"") && text.contains("severity=\"critical\"")
                && text.contains("1 alert"));
        screenshot("alertmanager-alerts");
        open(alertmanager.url() + "/#/status");
        // The status page shows the configuration Alertmanager loaded: both receivers and the route.
        awaitText(text -> text.contains("name: on-call") && text.contains("name: team-chat")
                && text.contains("Version") && text.contains("0.31.1"));
        screenshot("alertmanager-status");
    }

    @Test
    void everyServicesSwaggerUiLoadsItsApi() throws IOException {
        for (String service : SERVICES) {
            // With the management interface on, Quarkus serves the OpenAPI document and its UI there.
            open("http://127.0.0.1:" + system.managementPorts.get(service) + "/q/swagger-ui");
            // The operations are rendered from the service's OpenAPI document, fetched by the page's script.
            new WebDriverWait(browser, PAGE_TIMEOUT).until(b -> !b.findElements(By.cssSelector(".opblock")).isEmpty());
            assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).isNotBlank();
            assertThat(text()).doesNotContain("Failed to load API definition");
            screenshot("swagger-" + service);
        }
    }

    /**
     * Every URL in the lines `make run` prints (LocalStack's own list), with its local port swapped for this system's
     * and its placeholders for a real booking, opens in the browser onto the content it promises. A URL added to the
     * printout without a promise here fails the test: nothing printed goes unchecked.
     */
    @Test
    void everyUrlMakeRunPrintsOpensOntoWhatItPromises() throws IOException {
        List<String> lines = LocalStack.printedUrls();
        List<String> opened = new ArrayList<>();
        for (String line : lines) {
            String concrete = line.replace("<booking id>", bookingId).replace("<trace id>", traceId);
            Matcher credentials = CREDENTIALS.matcher(concrete);
            Map<String, String> userInfo = new HashMap<>();
            while (credentials.find()) {
                userInfo.put(credentials.group(1), credentials.group(2) + ":" + credentials.group(3) + "@");
            }
            for (String printed : urlsIn(concrete)) {
                URI uri = URI.create(printed);
                Promise promise = PROMISES.stream().filter(p -> p.path().matcher(uri.getPath()).matches()).findFirst()
                        .orElseThrow(() -> new AssertionError("make run prints " + printed + " (in: " + line
                                + ") but this test has no promise for what it shows: add one"));
                String origin = ORIGIN_IN_TEST.apply(uri.getPort());
                String url = origin.replace("://", "://" + userInfo.getOrDefault(printed, "")) + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                open(url);
                try {
                    new WebDriverWait(browser, PAGE_TIMEOUT).until(b -> promise.shows().test(text()));
                } catch (org.openqa.selenium.TimeoutException e) {
                    throw new AssertionError("make run prints " + printed + "; opened here as " + url + ", it never showed "
                            + promise.what() + ". It shows:\n" + text(), e);
                }
                screenshot("printed-" + (uri.getPort() + uri.getPath()).replaceAll("[^A-Za-z0-9]+", "-"), false);
                if (promise.readmeScreenshot() != null) {
                    screenshot(promise.readmeScreenshot());
                }
                opened.add(printed);
            }
        }
        // The services' three lines alone hold a dozen; a parser that found nothing would pass vacuously.
        assertThat(opened).as("URLs found in the printout").hasSizeGreaterThan(15);
    }

    /** What a printed page must show, by the path it is printed with. */
    record Promise(Pattern path, String what, java.util.function.Predicate<String> shows, String readmeScreenshot) {
        Promise(String path, String what, java.util.function.Predicate<String> shows) {
            this(Pattern.compile(path), what, shows, null);
        }

        /** The page's screenshot is also one of the README's, under this name. */
        Promise shownInReadmeAs(String name) {
            return new Promise(path, what, shows, name);
        }
    }

    static final List<Promise> PROMISES = List.of(
            new Promise("/api/user", "the mailbox of the booking's buyer", text -> text.contains("ada@example.com")),
            new Promise("/query", "Prometheus's query page", text -> text.contains("Execute")),
            new Promise("/targets", "the three services up",
                    text -> SERVICES.stream().allMatch(text::contains) && count(text, "\\bUP\\b") >= SERVICES.size()),
            new Promise("/alerts", "the generated rules", text -> text.contains("ServiceDown") && text.contains("HighErrorRate")),
            new Promise("/?", "Alertmanager's alert list", text -> text.contains("Silences") && text.contains("Receiver")),
            new Promise("/messages", "the recorded notifications (a JSON list)", text -> text.strip().startsWith("[")
                    && text.strip().endsWith("]")),
            new Promise("/zipkin/", "Zipkin's search, for booking-service",
                    text -> text.toLowerCase(java.util.Locale.ROOT).contains("run query") && text.contains("booking-service")),
            new Promise("/zipkin/traces/[0-9a-f]{32}", "the booking's trace through the three services",
                    text -> SERVICES.stream().allMatch(text::contains)).shownInReadmeAs("zipkin-trace"),
            new Promise("/api/traces", "booking-service's latest trace",
                    text -> text.contains("\"traceID\"") && text.contains("booking-service")),
            new Promise("/zingtickets-logs/_search", "the booking's log lines found by its trace id",
                    text -> text.contains("\"hits\"") && text.contains(traceId) && !text.contains("\"value\":0")),
            new Promise("/events", "the events on sale", text -> text.contains("\"id\"") && text.contains("\"name\"")),
            new Promise("/admin/gateway", "the gateway's settings", text -> text.contains("latencyMs")),
            new Promise("/emails/[0-9a-f-]{36}", "the booking's email", text -> text.contains(bookingId)),
            new Promise("/q/swagger-ui", "the service's operations",
                    text -> text.contains("OAS") && (text.contains("GET") || text.contains("POST"))),
            new Promise("/q/health", "the service's checks, up", text -> text.contains("\"UP\"") && text.contains("checks")),
            new Promise("/q/metrics", "ZingMonitor's meters", text -> text.contains("zingmonitor_")),
            new Promise("/q/zingmonitor", "the telemetry plan", text -> text.contains("\"operations\"")));

    /** A URL printed with the account it asks for, as the gateway knob is (only that URL: a page that fetches from its own origin refuses credentials in it). */
    static final Pattern CREDENTIALS = Pattern.compile("(https?://localhost:\\d+\\S*) \\(user (\\S+), password ([^)\\s]+)\\)");
    /** Absolute URLs, and paths printed after one as shorthand on its host ("..., /q/health, /q/metrics"). */
    static final Pattern URL_OR_PATH = Pattern.compile("(https?://localhost:\\d+)([^\\s')]*)|(?<=[\\s,(])(/[A-Za-z0-9_./-]+)");

    static List<String> urlsIn(String line) {
        List<String> urls = new ArrayList<>();
        String origin = null;
        Matcher m = URL_OR_PATH.matcher(line);
        while (m.find()) {
            if (m.group(1) != null) {
                origin = m.group(1);
                urls.add(origin + m.group(2).replaceAll("[,;.]+$", ""));
            } else if (origin != null) {
                urls.add(origin + m.group(3).replaceAll("[,;.]+$", ""));
            }
        }
        return urls;
    }

    /** This system's origin for a port `make run` prints: each local component has its counterpart here. */
    static final java.util.function.IntFunction<String> ORIGIN_IN_TEST = port -> {
        Map<Integer, String> origins = new HashMap<>(Map.of(
                InfrastructureComponents.MAIL_API, "http://127.0.0.1:" + system.smtp.apiPort(),
                InfrastructureComponents.PROMETHEUS, prometheus.url(),
                InfrastructureComponents.ALERTMANAGER, alertmanager.url(),
                InfrastructureComponents.ALERT_WEBHOOK, observed.webhookUrl(),
                InfrastructureComponents.JAEGER_QUERY, observed.jaeger().url(),
                InfrastructureComponents.TRACE_VIEWER, "http://127.0.0.1:" + observed.zipkin().port(),
                InfrastructureComponents.OPENSEARCH, observed.openSearch.url()));
        for (ServiceComponent service : ServiceComponent.all()) {
            origins.put(service.port(), system.url(service.name()));
            origins.put(service.managementPort(), "http://127.0.0.1:" + system.managementPorts.get(service.name()));
        }
        String origin = origins.get(port);
        assertThat(origin).as("the test system's counterpart of what make run prints on port %d", port).isNotNull();
        return origin;
    };

    static List<String> alertNames() throws IOException {
        Pattern alert = Pattern.compile("^\\s*- alert: (\\S+)", Pattern.MULTILINE);
        try (Stream<Path> files = Files.list(Tools.repositoryRoot().resolve("monitoring/rules"))) {
            return files.filter(f -> f.toString().endsWith(".rules.yml")).sorted().flatMap(f -> {
                try {
                    return alert.matcher(Files.readString(f)).results().map(m -> m.group(1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).distinct().toList();
        }
    }

    static void open(String url) {
        browser.get(url);
    }

    static String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    static void awaitText(Function<String, Boolean> condition) {
        try {
            new WebDriverWait(browser, PAGE_TIMEOUT).until(b -> condition.apply(text()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("page " + browser.getCurrentUrl() + " never showed the expected content; it shows:\n"
                    + text(), e);
        }
    }

    static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    static void screenshot(String name) throws IOException {
        screenshot(name, true);
    }

    /** @param forReadme whether {@code make screenshots} also refreshes it under docs/screenshots/ for the README */
    static void screenshot(String name, boolean forReadme) throws IOException {
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        if (forReadme && Boolean.getBoolean("zingtickets.screenshots.write")) {
            Path docs = Files.createDirectories(Tools.repositoryRoot().resolve("docs/screenshots"));
            Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
