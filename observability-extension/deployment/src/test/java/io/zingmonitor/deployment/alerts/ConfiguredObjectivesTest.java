package io.zingmonitor.deployment.alerts;

import static io.zingmonitor.runtime.telemetry.MeterCatalogue.OPERATION_DURATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.zingmonitor.deployment.dashboards.DashboardGenerator;
import io.zingmonitor.deployment.support.BuildTimeConfigs;
import io.zingmonitor.runtime.plan.TelemetryPlan;

/**
 * A service's own meters turned into alerts and panels by configuration alone: a latency objective on
 * a histogram and a threshold on a gauge, as booking-service declares them. The generated rules are
 * run by the real promtool against synthetic series, so the alerts are shown to fire, not just to parse.
 */
class ConfiguredObjectivesTest {

    static final Map<String, String> SETTLEMENT = Map.ofEntries(
            Map.entry("zingmonitor.slo.objectives.\"settlement\".histogram", "shop_order_settlement_seconds"),
            Map.entry("zingmonitor.slo.objectives.\"settlement\".threshold-seconds", "5"),
            Map.entry("zingmonitor.slo.objectives.\"settlement\".objective", "0.99"),
            Map.entry("zingmonitor.slo.objectives.\"settlement\".alert-name", "SettlementBudgetBurn"),
            Map.entry("zingmonitor.slo.objectives.\"settlement\".description", "Bookings settled within 5 s"),
            Map.entry("zingmonitor.alerts.gauges.\"StuckPendingBookings\".series", "shop_orders_pending_oldest_age_seconds"),
            Map.entry("zingmonitor.alerts.gauges.\"StuckPendingBookings\".above", "30"),
            Map.entry("zingmonitor.alerts.gauges.\"StuckPendingBookings\".for", "1m"),
            Map.entry("zingmonitor.alerts.gauges.\"StuckPendingBookings\".severity", "critical"),
            Map.entry("zingmonitor.alerts.gauges.\"StuckPendingBookings\".summary", "A booking waits for its payment outcome"),
            Map.entry("zingmonitor.alerts.runbook-url", "https://docs.example/runbooks.md"),
            Map.entry("zingmonitor.dashboards.panels.\"pending\".title", "Bookings pending"),
            Map.entry("zingmonitor.dashboards.panels.\"pending\".query", "sum(shop_orders_pending)"));

    static final String APP = "booking-service";

    @Test
    void aHistogramObjectiveAndAGaugeThresholdFireUnderPromtool() throws Exception {
        String yaml = rulesOf(SETTLEMENT);
        assertThat(yaml).contains("alert: SettlementBudgetBurn", "alert: StuckPendingBookings",
                "record: application:slo_settlement_slow:ratio_rate1h");
        assertThat(new YAMLMapper().readTree(yaml).findValuesAsText("expr"))
                .anyMatch(e -> e.contains("shop_order_settlement_seconds_bucket{application=\"booking-service\",le=\"5.0\"}[1h]"));
        AlertRuleGeneratorTest.promtoolAccepts(yaml);
        // The runbooks have a section for each.
        String runbooks = Files.readString(Path.of("../../docs/runbooks.md"));
        assertThat(runbooks).contains("\n## settlementbudgetburn\n", "\n## stuckpendingbookings\n");

        // 90 minutes in which 9 of 10 settlements are slow, and a gauge stuck at 40 s from minute 1.
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", "1m");
        test.put("input_series", List.of(
                series("shop_order_settlement_seconds_bucket{application=\"" + APP + "\",le=\"5.0\"}", "0+1x90"),
                series("shop_order_settlement_seconds_count{application=\"" + APP + "\"}", "0+10x90"),
                series("shop_orders_pending_oldest_age_seconds{application=\"" + APP + "\"}", "0 40x90")));
        JsonNode rules = new YAMLMapper().readTree(yaml);
        test.put("alert_rule_test", List.of(
                expect(rules, "StuckPendingBookings", "5m", List.of("critical"), Map.of(), "40"),
                // The ratio's application label stays on the burn alerts, as on the HTTP ones.
                expect(rules, "SettlementBudgetBurn", "80m", List.of("page", "ticket"), Map.of("application", APP), ""),
                // Not yet: the page needs 2 minutes of burning, the ticket an hour.
                expect(rules, "SettlementBudgetBurn", "2m", List.of(), Map.of(), "")));
        promtoolTest(yaml, test);
    }

    @Test
    void anObjectiveAlsoGetsAPanelAndTheOverviewTheConfiguredBusinessPanel() {
        DashboardGenerator generator = new DashboardGenerator(BuildTimeConfigs.config(SETTLEMENT));
        JsonNode service = generator.service(AlertRuleGeneratorTest.BOOKING);
        List<String> queries = service.findValuesAsText("expr");
        assertThat(queries).anyMatch(q -> q.contains("shop_order_settlement_seconds_bucket{application=\"$service\",le=\"5.0\"}"));
        JsonNode overview = generator.overview();
        assertThat(overview.findValuesAsText("title")).contains("Bookings pending");
        assertThat(overview.findValuesAsText("expr")).contains("sum(shop_orders_pending)");
    }

    @Test
    void configuredPanelsNamingARowAreGroupedUnderItAfterTheServicesRow() {
        Map<String, String> config = Map.of(
                "zingmonitor.dashboards.panels.\"b-flow\".title", "Accepted, settled, emailed",
                "zingmonitor.dashboards.panels.\"b-flow\".query", "sum(rate(shop_orders_total[5m]))",
                "zingmonitor.dashboards.panels.\"b-flow\".row", "Pipeline",
                "zingmonitor.dashboards.panels.\"a-pending\".title", "Orders pending",
                "zingmonitor.dashboards.panels.\"a-pending\".query", "sum(shop_orders_pending)",
                "zingmonitor.dashboards.panels.\"a-pending\".row", "Pipeline",
                "zingmonitor.dashboards.panels.\"revenue\".title", "Revenue",
                "zingmonitor.dashboards.panels.\"revenue\".query", "sum(shop_revenue)");
        List<String> titles = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (JsonNode panel : new DashboardGenerator(BuildTimeConfigs.config(config)).overview().get("panels")) {
            titles.add(panel.get("title").asText());
            if ("row".equals(panel.path("type").asText())) {
                rows.add(panel.get("title").asText());
            }
        }

        assertThat(rows).containsExactly("Services", "Pipeline");
        // A panel without a row stays among the Services panels; the row's panels follow it, in id order.
        assertThat(titles.indexOf("Revenue")).isBetween(titles.indexOf("Services"), titles.indexOf("Firing alerts"));
        assertThat(titles.subList(titles.indexOf("Pipeline"), titles.size()))
                .containsExactly("Pipeline", "Orders pending", "Accepted, settled, emailed");
    }

    /** One operation of the shared operation histogram, singled out by its label, as payment-service's gateway objective. */
    static final Map<String, String> GATEWAY = Map.of(
            "zingmonitor.slo.objectives.\"gateway\".histogram", OPERATION_DURATION.prometheusName(),
            "zingmonitor.slo.objectives.\"gateway\".matchers", "operation=\"payment.gateway.authorize\"",
            "zingmonitor.slo.objectives.\"gateway\".threshold-seconds", "1",
            "zingmonitor.slo.objectives.\"gateway\".objective", "0.99",
            "zingmonitor.slo.objectives.\"gateway\".alert-name", "GatewayLatencyBudgetBurn",
            "zingmonitor.slo.objectives.\"gateway\".description", "Gateway authorizations answered within 1 s");

    static final String OPERATION = "{application=\"" + APP + "\",operation=";

    @Test
    void anObjectiveOnOneOperationBurnsOnItsSlowCallsAndIgnoresTheOtherOperations() throws Exception {
        String yaml = rulesOf(GATEWAY);
        JsonNode rules = new YAMLMapper().readTree(yaml);
        assertThat(rules.findValuesAsText("expr")).anyMatch(e -> e.contains(OPERATION_DURATION.bucket() + OPERATION
                + "\"payment.gateway.authorize\",le=\"1.0\"}[1h]") && e.contains(OPERATION_DURATION.count() + OPERATION
                        + "\"payment.gateway.authorize\"}[1h]"));
        AlertRuleGeneratorTest.promtoolAccepts(yaml);

        // Every authorization slower than 1 s, while another operation of the same histogram is fast: the page
        // fires after its 2 minutes (the ticket waits an hour).
        promtoolTest(yaml, Map.of("interval", "1m",
                "input_series", operations("payment.gateway.authorize", "0x30", "payment.process", "0+10x30"),
                "alert_rule_test", List.of(
                        expect(rules, "GatewayLatencyBudgetBurn", "10m", List.of("page"), Map.of("application", APP), ""))));
        // The other operation slow for 90 minutes and every authorization fast: nothing burns.
        promtoolTest(yaml, Map.of("interval", "1m",
                "input_series", operations("payment.gateway.authorize", "0+10x90", "payment.process", "0x90"),
                "alert_rule_test", List.of(expect(rules, "GatewayLatencyBudgetBurn", "80m", List.of(), Map.of(), ""))));
    }

    /** Ten calls a minute of each operation, {@code underOneSecond} of them within 1 s (a series' values). */
    private static List<Map<String, String>> operations(String first, String firstUnderOneSecond, String second,
            String secondUnderOneSecond) {
        List<Map<String, String>> input = new ArrayList<>();
        for (var operation : Map.of(first, firstUnderOneSecond, second, secondUnderOneSecond).entrySet()) {
            String labels = OPERATION + "\"" + operation.getKey() + "\",outcome=\"success\"";
            input.add(series(OPERATION_DURATION.bucket() + labels + ",le=\"1.0\"}", operation.getValue()));
            input.add(series(OPERATION_DURATION.count() + labels + "}", "0+10x90"));
        }
        return input;
    }

    @Test
    void anObjectivesMatchersNarrowItsPanel() {
        JsonNode service = new DashboardGenerator(BuildTimeConfigs.config(GATEWAY)).service(AlertRuleGeneratorTest.BOOKING);
        assertThat(service.findValuesAsText("title"))
                .contains("Within 1 s: " + OPERATION_DURATION.prometheusName() + "{operation=\"payment.gateway.authorize\"}");
        assertThat(service.findValuesAsText("expr")).anyMatch(q -> q.contains(OPERATION_DURATION.bucket()
                + "{application=\"$service\",operation=\"payment.gateway.authorize\",le=\"1.0\"}")
                && q.contains(OPERATION_DURATION.count() + "{application=\"$service\",operation=\"payment.gateway.authorize\"}"));
    }

    @Test
    void anObjectiveNameMustFitARecordingRuleName() {
        var config = BuildTimeConfigs.config(Map.of(
                "zingmonitor.slo.objectives.\"settle-time\".histogram", "x_seconds",
                "zingmonitor.slo.objectives.\"settle-time\".threshold-seconds", "5",
                "zingmonitor.slo.objectives.\"settle-time\".objective", "0.99",
                "zingmonitor.slo.objectives.\"settle-time\".alert-name", "X",
                "zingmonitor.slo.objectives.\"settle-time\".description", "x"));
        assertThatThrownBy(() -> new AlertRuleGenerator(AlertRuleGeneratorTest.BOOKING, config))
                .hasMessageContaining("settle-time");
    }

    /** The rule file generated for booking-service's plan with these settings. */
    static String rulesOf(Map<String, String> settings) throws Exception {
        return new String(AlertRuleGenerator.yaml(APP,
                new AlertRuleGenerator(AlertRuleGeneratorTest.BOOKING, BuildTimeConfigs.config(settings)).rules()));
    }

    static Map<String, String> series(String series, String values) {
        return Map.of("series", series, "values", values);
    }

    /**
     * The alerts expected at {@code time}, one per severity, with the annotations the generator wrote
     * ({@code $value} rendered as {@code value}).
     */
    static Map<String, Object> expect(JsonNode rules, String alert, String time, List<String> severities,
            Map<String, String> labels, String value) {
        List<Map<String, Object>> expected = new ArrayList<>();
        for (String severity : severities) {
            JsonNode rule = rules.findParents("alert").stream()
                    .filter(r -> r.get("alert").asText().equals(alert) && r.get("labels").get("severity").asText().equals(severity))
                    .findFirst().orElseThrow();
            Map<String, String> expectedLabels = new LinkedHashMap<>(labels);
            expectedLabels.put("severity", severity);
            expectedLabels.put("service", APP);
            Map<String, String> annotations = new LinkedHashMap<>();
            rule.get("annotations").fields().forEachRemaining(
                    a -> annotations.put(a.getKey(), a.getValue().asText().replace("{{ $value | humanize }}", value)));
            expected.add(Map.of("exp_labels", expectedLabels, "exp_annotations", annotations));
        }
        return Map.of("eval_time", time, "alertname", alert, "exp_alerts", expected);
    }

    static void promtoolTest(String rules, Map<String, Object> test) throws Exception {
        Path dir = Files.createTempDirectory("rule-test");
        Files.writeString(dir.resolve("rules.yml"), rules);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rule_files", List.of("rules.yml"));
        file.put("evaluation_interval", "1m");
        file.put("tests", List.of(test));
        Files.writeString(dir.resolve("test.yml"), new YAMLMapper().writeValueAsString(file));
        Path promtool = Path.of(System.getProperty("zingmonitor.tools.dir", "../../.tools")).resolve("prometheus-3.16.0/promtool");
        Process run = new ProcessBuilder(promtool.toString(), "test", "rules", "test.yml").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output.toLowerCase(Locale.ROOT)).isZero();
    }
}
