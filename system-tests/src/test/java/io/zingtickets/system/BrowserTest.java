package io.zingtickets.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

import com.sun.net.httpserver.HttpServer;

import io.zingtickets.infra.AlertmanagerServer;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.infra.Tools;
import io.zingtickets.infra.alerts.AlertWebhookRecorder;

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

    static RunningSystem system;
    static PrometheusServer prometheus;
    static HttpServer webhook;
    static AlertmanagerServer alertmanager;
    static WebDriver browser;

    @BeforeAll
    static void start(RunningSystem shared) throws Exception {
        Path chromium = Tools.require("chromium-156/chromium");
        Path chromedriver = Tools.require("chromium-156/chromedriver");
        system = shared;
        Path dir = system.dir.resolve("browser");
        Path repository = Tools.repositoryRoot();
        List<Path> rules;
        try (Stream<Path> files = Files.list(repository.resolve("monitoring/rules"))) {
            rules = files.filter(f -> f.toString().endsWith(".rules.yml")).sorted().toList();
        }
        int webhookPort = FreePorts.next();
        webhook = AlertWebhookRecorder.start(webhookPort, dir.resolve("webhook.jsonl"));
        alertmanager = AlertmanagerServer.start(FreePorts.next(), repository.resolve("monitoring/alertmanager/alertmanager.yml"),
                system.smtp.smtpPort(), webhookPort, dir.resolve("alertmanager"), dir.resolve("alertmanager.log"));
        prometheus = PrometheusServer.start(FreePorts.next(), Map.of(
                "booking-service", "127.0.0.1:" + system.managementPorts.get("booking-service"),
                "payment-service", "127.0.0.1:" + system.managementPorts.get("payment-service"),
                "email-service", "127.0.0.1:" + system.managementPorts.get("email-service")),
                rules, alertmanager.address(), dir.resolve("prometheus"), dir.resolve("prometheus.log"));
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
        // One booking, so the services' request metrics have a series beyond startup.
        system.book(1, 1, "ada@example.com", "4242424242424242", "123");
        // The graph page runs its query once, when it opens: wait for Prometheus's first scrape of all three
        // services, or a test that runs first finds no data and never sees any.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> io.restassured.RestAssured.given()
                .queryParam("query", "up{job=\"zingtickets\"} == 1").get(prometheus.url() + "/api/v1/query")
                .then().extract().jsonPath().getList("data.result").size() == SERVICES.size());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (prometheus != null) {
            prometheus.stop();
        }
        if (alertmanager != null) {
            alertmanager.stop();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
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
        open(alertmanager.url() + "/");
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
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("zingtickets.screenshots.write")) {
            Path docs = Files.createDirectories(Tools.repositoryRoot().resolve("docs/screenshots"));
            Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
