package io.zingmonitor.deployment.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zingmonitor.deployment.alerts.AlertRuleGenerator;
import io.zingmonitor.deployment.dashboards.DashboardGenerator;
import io.zingmonitor.deployment.support.BuildTimeConfigs;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.runtime.plan.TelemetryPlan;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;

/**
 * Every series a generated dashboard or rule names is one of the meter catalogue's, one the
 * service names in its configuration (its own meters), a recording rule the rule file defines, or
 * one Prometheus records itself: a query can no longer ask for a meter nobody registers.
 */
class GeneratedSeriesTest {

    /** A service with everything the generators react to: endpoints, a consumer, operations, every meter. */
    static final TelemetryPlan SHOP = new TelemetryPlan("shop", "1.0",
            List.of(new TelemetryPlan.Endpoint("POST", "/orders", "OrderResource#create")),
            List.of(new TelemetryPlan.Channel("orders", "incoming", "smallrye-kafka", "orders", "OrderConsumer#on")),
            List.of(new TelemetryPlan.Operation("order.create", "Orders#create", List.of())), List.of(),
            Arrays.stream(MeterCatalogue.values())
                    .map(m -> new TelemetryPlan.Meter(m.prometheusName(), m.kind().prometheusType(), m.unit(), m.labels(),
                            m.description()))
                    .toList());

    static final Map<String, String> SERVICE_CONFIG = Map.ofEntries(
            Map.entry("zingmonitor.slo.enabled", "true"),
            Map.entry("zingmonitor.alerts.operation-spikes.\"order.create\".alert-name", "OrderSpike"),
            Map.entry("zingmonitor.alerts.operation-spikes.\"order.create\".max-per-minute", "100"),
            Map.entry("zingmonitor.slo.objectives.\"delivery\".histogram", "shop_delivery_seconds"),
            Map.entry("zingmonitor.slo.objectives.\"delivery\".threshold-seconds", "5"),
            Map.entry("zingmonitor.slo.objectives.\"delivery\".objective", "0.99"),
            Map.entry("zingmonitor.slo.objectives.\"delivery\".alert-name", "DeliveryBudgetBurn"),
            Map.entry("zingmonitor.slo.objectives.\"delivery\".description", "time to deliver"),
            Map.entry("zingmonitor.alerts.gauges.\"StuckOrders\".series", "shop_orders_oldest_age_seconds"),
            Map.entry("zingmonitor.alerts.gauges.\"StuckOrders\".above", "30"),
            Map.entry("zingmonitor.alerts.gauges.\"StuckOrders\".summary", "Orders wait"),
            Map.entry("zingmonitor.alerts.counters.\"Refunds\".series", "shop_refunds_total"),
            Map.entry("zingmonitor.alerts.counters.\"Refunds\".matchers", "reason=~\"late|lost\""),
            Map.entry("zingmonitor.alerts.counters.\"Refunds\".window", "30m"),
            Map.entry("zingmonitor.alerts.counters.\"Refunds\".summary", "Refunds"),
            Map.entry("zingmonitor.dashboards.panels.\"orders\".query",
                    "sum by (outcome) (rate(shop_orders_total{kind=\"web\"}[$__rate_interval])) * 60"));

    @Test
    void everyGeneratedSeriesIsCataloguedConfiguredRecordedOrPrometheusOwn() {
        ZingMonitorBuildTimeConfig config = BuildTimeConfigs.config(SERVICE_CONFIG);
        ObjectMapper json = new ObjectMapper();
        JsonNode rules = json.valueToTree(new AlertRuleGenerator(SHOP, config).rules());
        DashboardGenerator dashboards = new DashboardGenerator(config);

        Map<String, String> expressions = new HashMap<>();
        rules.findValuesAsText("expr").forEach(expr -> expressions.put(expr, "rules"));
        for (JsonNode dashboard : List.of(dashboards.service(SHOP), dashboards.overview(), dashboards.abuse())) {
            String uid = dashboard.get("uid").asText();
            dashboard.findValuesAsText("expr").forEach(expr -> expressions.put(expr, uid));
            for (JsonNode variable : dashboard.get("templating").get("list")) {
                if (variable.path("type").asText().equals("query")) {
                    expressions.put(variable.get("query").asText().replaceAll("^label_values\\(([^,]+),.*", "$1"), uid);
                }
            }
        }
        // The service's own panel query is its configuration, not the generators' choice of series.
        config.dashboards().panels().values().forEach(panel -> expressions.remove(panel.query()));

        Set<String> known = new TreeSet<>();
        Arrays.stream(MeterCatalogue.values()).forEach(m -> known.addAll(m.series()));
        config.slo().objectives().values().forEach(o -> known.addAll(List.of(o.histogram() + "_bucket", o.histogram() + "_count")));
        config.alerts().gauges().values().forEach(g -> known.add(g.series()));
        config.alerts().counters().values().forEach(c -> known.add(c.series()));
        known.addAll(rules.findValuesAsText("record"));
        known.addAll(List.of(PromQl.UP, PromQl.ALERTS));

        List<String> unknown = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        expressions.forEach((expr, where) -> {
            for (String series : seriesIn(expr)) {
                named.add(series);
                if (!known.contains(series)) {
                    unknown.add(series + " in " + where + ": " + expr);
                }
            }
        });
        assertThat(unknown).isEmpty();
        // The check reads the expressions: it sees the catalogue's and the configured series.
        assertThat(named).contains(MeterCatalogue.HTTP_SERVER_REQUESTS.bucket(), MeterCatalogue.LOG_EVENTS.prometheusName(),
                MeterCatalogue.CARDINALITY_OVERFLOW.prometheusName(), "shop_delivery_seconds_bucket", "shop_refunds_total",
                PromQl.ERROR_RATIO, PromQl.UP);
    }

    @Test
    void seriesAreTheNamesOutsideLabelMatchersRangesGroupingsAndFunctionCalls() {
        assertThat(seriesIn("histogram_quantile(0.95, sum by (le, uri) (rate(a_bucket{application=~\"$service\","
                + "uri!~\"/q/.*\"}[$__rate_interval]))) / on (uri) b_count offset 5m and vector(0)"))
                .containsExactlyInAnyOrder("a_bucket", "b_count");
        assertThat(seriesIn("application:x:ratio_rate5m{application=\"s\"} > 0.01 or absent(up{job=\"x\"})"))
                .containsExactlyInAnyOrder("application:x:ratio_rate5m", "up");
    }

    private static final Pattern NAME = Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][\\w:]*(?!\\w|\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right");

    /** The metric names a PromQL expression reads. */
    static List<String> seriesIn(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
                .replaceAll("\\boffset\\s+\\w+", "");
        List<String> series = new ArrayList<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group())) {
                series.add(name.group());
            }
        }
        return series;
    }
}
