package io.zingmonitor.deployment.alerts;

import static io.zingmonitor.deployment.alerts.ConfiguredObjectivesTest.APP;
import static io.zingmonitor.deployment.alerts.ConfiguredObjectivesTest.expect;
import static io.zingmonitor.deployment.alerts.ConfiguredObjectivesTest.promtoolTest;
import static io.zingmonitor.deployment.alerts.ConfiguredObjectivesTest.rulesOf;
import static io.zingmonitor.deployment.alerts.ConfiguredObjectivesTest.series;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * An alert on how much a counter grew in a window, by configuration alone: the matchers narrow the
 * counter to the outcomes that matter, and promtool shows it silent at the threshold and firing just
 * above it.
 */
class CounterAlertsTest {

    static final Map<String, String> RECONCILER = Map.of(
            "zingmonitor.alerts.counters.\"ReconcilerActing\".series", "acme_reconciler_orders_total",
            "zingmonitor.alerts.counters.\"ReconcilerActing\".matchers", "outcome=~\"confirmed|failed|abandoned\"",
            "zingmonitor.alerts.counters.\"ReconcilerActing\".window", "30m",
            "zingmonitor.alerts.counters.\"ReconcilerActing\".above", "5",
            "zingmonitor.alerts.counters.\"ReconcilerActing\".summary", "The reconciler settles bookings the pipeline lost");

    static final String RECONCILED = "acme_reconciler_orders_total{application=\"" + APP + "\"";

    @Test
    void aCounterGrowingPastItsThresholdFiresAndOnlyThen() throws Exception {
        String yaml = rulesOf(RECONCILER);
        assertThat(new YAMLMapper().readTree(yaml).findValuesAsText("expr")).contains(
                "sum(increase(acme_reconciler_orders_total{application=\"booking-service\","
                        + "outcome=~\"confirmed|failed|abandoned\"}[30m])) > 5");
        AlertRuleGeneratorTest.promtoolAccepts(yaml);

        JsonNode rules = new YAMLMapper().readTree(yaml);
        // 3 abandoned bookings in 30 minutes (under the 5 allowed), while in-progress answers, which the
        // matchers leave out, grow by 100 a minute: silent.
        promtoolTest(yaml, Map.of("interval", "1m",
                "input_series", List.of(
                        series(RECONCILED + ",outcome=\"abandoned\"}", "0+0.1x60"),
                        series(RECONCILED + ",outcome=\"payment_in_progress\"}", "0+100x60")),
                "alert_rule_test", List.of(expect(rules, "ReconcilerActing", "50m", List.of(), Map.of(), ""))));
        // 30 in 30 minutes: firing, with the growth in its description.
        promtoolTest(yaml, Map.of("interval", "1m",
                "input_series", List.of(series(RECONCILED + ",outcome=\"abandoned\"}", "0+1x60")),
                "alert_rule_test", List.of(expect(rules, "ReconcilerActing", "50m", List.of("warning"), Map.of(), "30"))));
    }
}
