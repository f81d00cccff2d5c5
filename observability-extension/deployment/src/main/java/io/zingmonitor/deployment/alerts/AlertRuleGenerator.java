package io.zingmonitor.deployment.alerts;

import static io.zingmonitor.deployment.metrics.PromQl.ERROR_RATIO;
import static io.zingmonitor.deployment.metrics.PromQl.HTTP_MEAN_LATENCY;
import static io.zingmonitor.deployment.metrics.PromQl.UP;
import static io.zingmonitor.deployment.metrics.PromQl.number;
import static io.zingmonitor.runtime.telemetry.MeterCatalogue.HTTP_SERVER_REQUESTS;
import static io.zingmonitor.runtime.telemetry.MeterCatalogue.KAFKA_CONSUMER_LAG;
import static io.zingmonitor.runtime.telemetry.MeterCatalogue.LOG_EVENTS;
import static io.zingmonitor.runtime.telemetry.MeterCatalogue.OPERATION_DURATION;
import static io.zingmonitor.runtime.telemetry.MeterCatalogue.SPANS_DROPPED;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.zingmonitor.deployment.dashboards.DashboardGenerator;
import io.zingmonitor.deployment.metrics.PromQl;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.runtime.plan.TelemetryPlan;

/**
 * Derives a service's Prometheus rules from its telemetry plan and its {@code zingmonitor.alerts.*}
 * and {@code zingmonitor.slo.*} settings: recording rules for the error share and mean latency, the
 * symptom alerts, and multi-window, multi-burn-rate SLO alerts (the SRE workbook's method). A rule is
 * only generated for what the service has: no latency alert without endpoints, no lag alert without
 * Kafka consumers.
 */
public final class AlertRuleGenerator {

    /** SRE workbook table 5-8: (long window, short window, burn rate, severity, for). */
    private record BurnWindow(String longWindow, String shortWindow, double burnRate, String severity, String pendingFor) {
    }

    private static final List<BurnWindow> BURN_WINDOWS = List.of(
            new BurnWindow("1h", "5m", 14.4, "page", "2m"),
            new BurnWindow("6h", "30m", 6, "page", "15m"),
            new BurnWindow("1d", "2h", 3, "ticket", "1h"),
            new BurnWindow("3d", "6h", 1, "ticket", "3h"));
    /** Recording rules of the HTTP SLOs' error ratios, one per window (the window is appended). */
    private static final String AVAILABILITY_ERRORS = "application:slo_availability_errors:ratio_rate";
    private static final String LATENCY_SLOW = "application:slo_latency_slow:ratio_rate";
    private static final List<String> SLO_WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

    private final TelemetryPlan plan;
    private final ZingMonitorBuildTimeConfig.Alerts alerts;
    private final ZingMonitorBuildTimeConfig.Slo slo;
    private final String dashboardUid;
    private final PromQl q;
    private final String application;
    private final AlertTiming time;

    public AlertRuleGenerator(TelemetryPlan plan, ZingMonitorBuildTimeConfig config) {
        this.plan = plan;
        this.alerts = config.alerts();
        this.slo = config.slo();
        this.application = plan.service();
        this.q = PromQl.of(application);
        this.time = new AlertTiming(alerts.timeScale());
        this.dashboardUid = DashboardGenerator.uid(config.dashboards(), application);
        for (String key : slo.objectives().keySet()) {
            if (!key.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("zingmonitor.slo.objectives.\"" + key + "\": the name becomes part of "
                        + "recording-rule names, so it may only hold letters, digits and _");
            }
        }
        if (slo.enabled() && config.metrics().sloBuckets().stream()
                .noneMatch(b -> Math.abs(b - slo.latencyThresholdSeconds()) < 1e-9)) {
            throw new IllegalArgumentException("zingmonitor.slo.latency-threshold-seconds=" + slo.latencyThresholdSeconds()
                    + " must be one of zingmonitor.metrics.slo-buckets " + config.metrics().sloBuckets()
                    + ": the latency SLI counts requests in that bucket");
        }
    }

    /** The rule file as YAML-ready maps: {@code groups: [...]}. */
    public Map<String, Object> rules() {
        List<Map<String, Object>> groups = new ArrayList<>();
        groups.add(group(application + ".rules", recordingRules()));
        groups.add(group(application + ".alerts", symptomAlerts()));
        if (slo.enabled() && hasEndpoints()) {
            groups.add(group(application + ".slo", sloRules()));
        }
        if (!slo.objectives().isEmpty()) {
            groups.add(group(application + ".objectives", objectiveRules()));
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("groups", groups);
        return file;
    }

    /**
     * The rule file as the build writes it ({@code target/zingmonitor/prometheus-rules.yml}). Public for whoever
     * needs the same rules with other settings, such as a game day's compressed {@code time-scale}.
     */
    public byte[] ruleFile() {
        return yaml(application, rules());
    }

    static byte[] yaml(String application, Object rules) {
        YAMLMapper mapper = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build());
        try {
            return ("# Generated by ZingMonitor from " + application
                    + "'s telemetry plan and zingmonitor.alerts.*/zingmonitor.slo.* settings. Do not edit.\n"
                    + mapper.writeValueAsString(rules)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the alert rules", e);
        }
    }

    private boolean hasEndpoints() {
        return !plan.endpoints().isEmpty();
    }

    private boolean hasOperations() {
        return !plan.operations().isEmpty();
    }

    private boolean consumesKafka() {
        return plan.channels().stream().anyMatch(c -> "incoming".equals(c.direction()) && c.topic() != null);
    }

    private List<Rule> recordingRules() {
        List<Rule> rules = new ArrayList<>();
        // Named for their nominal window (ratio_rate5m), which dashboards query whatever the time scale.
        String window = time.of("5m");
        String errors = "(" + or0(q.rate(HTTP_SERVER_REQUESTS.count(), q.http("status=~\"5..\""), window));
        String total = "(" + or0(q.rate(HTTP_SERVER_REQUESTS.count(), q.http(""), window));
        if (hasOperations()) {
            String failed = "outcome=~\"" + PromQl.regexOf(alerts.errorOutcomes()) + "\"";
            errors += " + " + or0(q.rate(OPERATION_DURATION.count(), q.selector(failed), window));
            total += " + " + or0(q.rate(OPERATION_DURATION.count(), q.selector(), window));
        }
        rules.add(Rule.recording(ERROR_RATIO, errors + ") / " + total + ")",
                Map.of("application", application)));
        if (hasEndpoints()) {
            rules.add(Rule.recording(HTTP_MEAN_LATENCY,
                    q.rate(HTTP_SERVER_REQUESTS.sum(), q.http(""), window) + " / "
                            + q.rate(HTTP_SERVER_REQUESTS.count(), q.http(""), window),
                    Map.of("application", application)));
        }
        return rules;
    }

    private List<Rule> symptomAlerts() {
        List<Rule> rules = new ArrayList<>();
        String pendingFor = time.of(alerts.pendingFor());
        String window = time.of("5m");
        String windowWords = time.words("5m");
        String app = q.selector();
        if (hasEndpoints()) {
            double threshold = alerts.latencyThreshold().toNanos() / 1e9;
            rules.add(alert("HighLatency", HTTP_MEAN_LATENCY + app + " > " + number(threshold),
                    pendingFor, "warning",
                    "Average response time of " + application + " is {{ $value | humanizeDuration }}",
                    "The mean HTTP response time of " + application + " over " + windowWords + " is above " + number(threshold)
                            + " s. Latency panels link to the slowest traces through exemplars."));
        }
        rules.add(alert("HighErrorRate", ERROR_RATIO + app + " > "
                + number(alerts.errorRateThreshold()), pendingFor, "critical",
                "{{ $value | humanizePercentage }} of " + application + "'s requests and operations fail",
                "More than " + number(alerts.errorRateThreshold() * 100) + " % of HTTP requests (5xx) and business operations ("
                        + String.join(", ", alerts.errorOutcomes()) + ") of " + application + " failed over " + windowWords + "."));
        for (var spike : alerts.operationSpikes().entrySet()) {
            String operation = spike.getKey();
            rules.add(alert(spike.getValue().alertName(),
                    q.rate(OPERATION_DURATION.count(), q.selector("operation=\"" + operation + "\""), window)
                            + " * 60 > " + number(spike.getValue().maxPerMinute()),
                    time.of("1m"), "warning",
                    "{{ $value | humanize }} " + operation + " per minute on " + application,
                    "More than " + number(spike.getValue().maxPerMinute()) + " " + operation
                            + " per minute: a sale opening, a bot, or a retry storm."));
        }
        String errorSelector = q.selector("level=~\"ERROR|FATAL\"");
        String errorLines = q.rate(LOG_EVENTS.prometheusName(), errorSelector, window);
        String baseline = "sum(rate(" + LOG_EVENTS.prometheusName() + errorSelector + "[" + time.of("1h") + "] offset " + window + "))";
        rules.add(alert("ErrorLogSpike",
                "(" + errorLines + " > " + number(alerts.errorLogMinRate()) + ") and (" + errorLines + " > "
                        + number(alerts.errorLogSpikeFactor()) + " * (" + baseline + " or vector(0)))",
                pendingFor, "warning",
                application + " logs {{ $value | humanize }} errors per second",
                "ERROR log lines of " + application + " are above " + number(alerts.errorLogMinRate())
                        + " per second and more than " + number(alerts.errorLogSpikeFactor())
                        + " times the rate of the previous " + time.span("1h") + "."));
        if (consumesKafka()) {
            String lag = "max(" + KAFKA_CONSUMER_LAG.prometheusName() + app + ")";
            rules.add(alert("KafkaConsumerLag",
                    lag + " > " + alerts.kafkaLagThreshold() + " or (" + lag + " > " + alerts.kafkaLagThreshold() / 10
                            + " and deriv(" + lag + "[" + time.of("15m") + ":" + time.of("1m") + "]) > 0)",
                    pendingFor, "warning",
                    application + "'s Kafka consumers are {{ $value | humanize }} records behind",
                    "A consumer of " + application + " is more than " + alerts.kafkaLagThreshold()
                            + " records behind, or over a tenth of that and still falling behind."));
        }
        if (plan.hasMeter(SPANS_DROPPED.prometheusName())) {
            // 10 minutes, longer than the rate's window: one burst (a Jaeger restart) keeps the 5-minute
            // rate above zero for 5 minutes and must not page anyone; only dropping that goes on does.
            rules.add(alert("SpansDropped",
                    PromQl.sumBy("reason", PromQl.rateOf(SPANS_DROPPED.prometheusName(), app, window)) + " > 0", time.of("10m"), "warning",
                    application + " drops {{ $value | humanize }} spans per second ({{ $labels.reason }})",
                    "Spans of " + application + " have not reached the tracing backend for " + time.words("10m") + ", so its traces are "
                            + "incomplete; requests are not affected. queue_full: more spans than the exporter sends; "
                            + "export_failed: the backend is unreachable or refuses them."));
        }
        for (var gauge : new TreeMap<>(alerts.gauges()).entrySet()) {
            var threshold = gauge.getValue();
            String wait = time.of(threshold.pendingFor());
            rules.add(alert(gauge.getKey(), "max(" + threshold.series() + app + ") > " + number(threshold.above()),
                    wait, threshold.severity(), threshold.summary(),
                    threshold.series() + " of " + application + " is {{ $value | humanize }}, above " + number(threshold.above())
                            + " for " + wait + "."));
        }
        for (var counter : new TreeMap<>(alerts.counters()).entrySet()) {
            var threshold = counter.getValue();
            String selector = q.selector(threshold.matchers());
            String growth = time.of(threshold.window());
            rules.add(alert(counter.getKey(), "sum(increase(" + threshold.series() + selector + "[" + growth + "])) > "
                    + number(threshold.above()), time.of(threshold.pendingFor()), threshold.severity(),
                    threshold.summary(),
                    threshold.series() + selector + " of " + application + " grew by {{ $value | humanize }} in " + growth
                            + ", more than " + number(threshold.above()) + "."));
        }
        // One rule for both ways of being down (promtool rejects two rules with the same name and labels):
        // an instance that does not answer its scrape, or no instance left to scrape at all.
        // Not scaled: the wait counts missed scrapes, which the scrape interval sets, not the rules' windows.
        rules.add(alert("ServiceDown", UP + app + " == 0 or absent(" + UP + app + ")",
                PromQl.duration(alerts.serviceDownFor()), "critical",
                application + " is down",
                "Prometheus cannot scrape " + application + "'s management port, or no instance of it is left to scrape."));
        return rules;
    }

    private List<Rule> sloRules() {
        List<Rule> rules = new ArrayList<>();
        String good = "le=\"" + PromQl.le(slo.latencyThresholdSeconds()) + "\"";
        for (String window : SLO_WINDOWS) {
            String range = time.of(window);
            rules.add(Rule.recording(AVAILABILITY_ERRORS + window,
                    q.rate(HTTP_SERVER_REQUESTS.count(), q.http("status=~\"5..\""), range) + " / "
                            + q.rate(HTTP_SERVER_REQUESTS.count(), q.http(""), range),
                    Map.of("application", application)));
            rules.add(Rule.recording(LATENCY_SLOW + window,
                    "1 - " + q.rate(HTTP_SERVER_REQUESTS.bucket(), q.http(good), range) + " / "
                            + q.rate(HTTP_SERVER_REQUESTS.count(), q.http(""), range),
                    Map.of("application", application)));
        }
        rules.addAll(burnAlerts("AvailabilityBudgetBurn", AVAILABILITY_ERRORS,
                1 - slo.availabilityObjective(), "availability", "availability (" + number(slo.availabilityObjective() * 100)
                        + " % non-5xx)"));
        rules.addAll(burnAlerts("LatencyBudgetBurn", LATENCY_SLOW,
                1 - slo.latencyObjective(), "latency", "latency (" + number(slo.latencyObjective() * 100) + " % under "
                        + number(slo.latencyThresholdSeconds()) + " s)"));
        return rules;
    }

    /** The latency objectives on the service's own histograms: the same method as the HTTP latency SLO. */
    private List<Rule> objectiveRules() {
        List<Rule> rules = new ArrayList<>();
        for (var entry : new TreeMap<>(slo.objectives()).entrySet()) {
            var objective = entry.getValue();
            String ratio = "application:slo_" + entry.getKey() + "_slow:ratio_rate";
            String good = "le=\"" + PromQl.le(objective.thresholdSeconds()) + "\"";
            for (String window : SLO_WINDOWS) {
                String range = time.of(window);
                rules.add(Rule.recording(ratio + window,
                        "1 - " + q.rate(objective.histogram() + "_bucket", q.selector(objective.matchers(), good), range)
                                + " / " + q.rate(objective.histogram() + "_count", q.selector(objective.matchers()), range),
                        Map.of("application", application)));
            }
            rules.addAll(burnAlerts(objective.alertName(), ratio, 1 - objective.objective(), entry.getKey(),
                    entry.getKey() + " (" + number(objective.objective() * 100) + " % under "
                            + number(objective.thresholdSeconds()) + " s: " + objective.description() + ")"));
        }
        return rules;
    }

    private List<Rule> burnAlerts(String name, String ratio, double budget, String budgetName, String objective) {
        List<Rule> rules = new ArrayList<>();
        String app = q.selector();
        for (String severity : List.of("page", "ticket")) {
            List<String> conditions = new ArrayList<>();
            for (BurnWindow w : BURN_WINDOWS) {
                if (!w.severity().equals(severity)) {
                    continue;
                }
                String limit = number(w.burnRate()) + " * " + number(budget);
                conditions.add("(" + ratio + w.longWindow() + app + " > " + limit + " and " + ratio + w.shortWindow() + app
                        + " > " + limit + ")");
            }
            String pendingFor = time.of(BURN_WINDOWS.stream().filter(w -> w.severity().equals(severity)).findFirst()
                    .orElseThrow().pendingFor());
            rules.add(alert(name, String.join(" or ", conditions), pendingFor, severity,
                    application + " is burning its " + budgetName + " error budget "
                            + (severity.equals("page") ? "fast" : "steadily"),
                    "The " + objective + " objective of " + application + " will be missed if this burn rate goes on ("
                            + severity + ": " + (severity.equals("page") ? "budget gone in days" : "budget gone within the month")
                            + ")."));
        }
        return rules;
    }

    private Rule alert(String name, String expr, String pendingFor, String severity, String summary, String description) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", severity);
        labels.put("service", application);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        alerts.runbookUrl().ifPresent(url -> annotations.put("runbook_url", url + "#" + name.toLowerCase(Locale.ROOT)));
        annotations.put("dashboard_url", alerts.grafanaUrl() + "/d/" + dashboardUid);
        return Rule.alerting(name, expr, pendingFor, labels, annotations);
    }

    private static Map<String, Object> group(String name, List<Rule> rules) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("rules", rules.stream().map(Rule::toYaml).toList());
        return group;
    }

    private static String or0(String expr) {
        return "(" + expr + " or vector(0))";
    }
}
