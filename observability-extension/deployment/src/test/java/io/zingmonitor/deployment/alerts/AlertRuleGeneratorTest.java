package io.zingmonitor.deployment.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.zingmonitor.deployment.support.BuildTimeConfigs;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.runtime.plan.TelemetryPlan;

class AlertRuleGeneratorTest {

    static final TelemetryPlan BOOKING = new TelemetryPlan("booking-service", "1.0",
            List.of(new TelemetryPlan.Endpoint("POST", "/bookings", "BookingResource#create")),
            List.of(new TelemetryPlan.Channel("payment-completed", "incoming", "smallrye-kafka", "payment.completed", "x")),
            List.of(new TelemetryPlan.Operation("booking.create", "BookingService#create", List.of())),
            List.of(), List.of(new TelemetryPlan.Meter("zingmonitor_spans_dropped_total", "counter", "spans",
                    List.of("reason"), "Spans that never reached the tracing backend")));

    static final TelemetryPlan WORKER = new TelemetryPlan("worker", "1.0", List.of(), List.of(), List.of(), List.of(),
            List.of());

    @Test
    void rulesFollowThePlanAndTheConfiguredThresholds() throws Exception {
        var config = config(Map.of(
                "zingmonitor.alerts.latency-threshold", "750ms",
                "zingmonitor.alerts.operation-spikes.\"booking.create\".alert-name", "BookingSpike",
                "zingmonitor.alerts.operation-spikes.\"booking.create\".max-per-minute", "100",
                "zingmonitor.slo.enabled", "true",
                "zingmonitor.alerts.runbook-url", "https://docs.example/runbooks.md",
                "zingmonitor.dashboards.uid-prefix", "shop-"));
        String yaml = new String(AlertRuleGenerator.yaml("booking-service",
                new AlertRuleGenerator(BOOKING, config).rules()));

        assertThat(yaml).contains("alert: HighLatency", "alert: HighErrorRate", "alert: BookingSpike",
                "alert: ErrorLogSpike", "alert: KafkaConsumerLag", "alert: SpansDropped", "alert: ServiceDown",
                "alert: AvailabilityBudgetBurn", "alert: LatencyBudgetBurn",
                "runbook_url: https://docs.example/runbooks.md#highlatency",
                "dashboard_url: http://localhost:3000/d/shop-booking-service",
                "service: booking-service");
        String expressions = String.join("\n", new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml)
                .findValuesAsText("expr"));
        assertThat(expressions).contains("> 0.75", "operation=\"booking.create\"}[5m])) * 60 > 100", "le=\"0.5\"");
        promtoolAccepts(yaml);
        // Every alert's runbook_url anchor has its section in the runbooks.
        String runbooks = Files.readString(Path.of("../../docs/runbooks.md"));
        Matcher alert = Pattern.compile("alert: (\\w+)").matcher(yaml);
        while (alert.find()) {
            assertThat(runbooks).contains("\n## " + alert.group(1).toLowerCase(Locale.ROOT) + "\n");
        }
    }

    @Test
    void aServiceWithoutEndpointsOrConsumersGetsNoLatencyLagOrSloRules() throws Exception {
        String yaml = new String(AlertRuleGenerator.yaml("worker",
                new AlertRuleGenerator(WORKER, config(Map.of("zingmonitor.slo.enabled", "true"))).rules()));

        assertThat(yaml).contains("alert: HighErrorRate", "alert: ServiceDown",
                        "dashboard_url: http://localhost:3000/d/zingmonitor-worker")
                .doesNotContain("HighLatency", "KafkaConsumerLag", "BudgetBurn", "SpansDropped", "runbook_url");
        promtoolAccepts(yaml);
    }

    @Test
    void aTimeScaleCompressesEveryWindowAndWaitButNotTheNamesOrServiceDown() throws Exception {
        Map<String, String> settings = Map.of("zingmonitor.slo.enabled", "true",
                "zingmonitor.alerts.operation-spikes.\"booking.create\".alert-name", "BookingSpike",
                "zingmonitor.alerts.operation-spikes.\"booking.create\".max-per-minute", "100");
        var production = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(new AlertRuleGenerator(BOOKING, config(settings)).ruleFile());
        var withScale = new java.util.HashMap<>(settings);
        withScale.put("zingmonitor.alerts.time-scale", "0.0666667");
        byte[] drill = new AlertRuleGenerator(BOOKING, config(withScale)).ruleFile();
        var scaled = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(drill);

        // The same rules, in the same order, under the same names: dashboards query the recording rules by name.
        assertThat(scaled.findValuesAsText("record")).isEqualTo(production.findValuesAsText("record"));
        assertThat(scaled.findValuesAsText("alert")).isEqualTo(production.findValuesAsText("alert"));
        String expressions = String.join("\n", scaled.findValuesAsText("expr"));
        assertThat(expressions).doesNotContain("[5m]", "[1h]", "[1d]", "[3d]")
                .contains("[20s]", "[4m]", "[96m]", "[288m]", "[4m] offset 20s", "[1m:4s]");
        Map<String, String> waits = new java.util.TreeMap<>();
        for (var group : scaled.path("groups")) {
            for (var rule : group.path("rules")) {
                if (rule.has("alert")) {
                    waits.merge(rule.path("alert").asText(), rule.path("for").asText(), (a, b) -> a + "," + b);
                }
            }
        }
        // pending-for 5m -> 20s, the spike's 1m -> 4s, SpansDropped's 10m -> 40s, the burn rates' 2m and 1h -> 8s and
        // 4m; ServiceDown counts missed scrapes and keeps its minute.
        assertThat(waits).containsEntry("HighErrorRate", "20s").containsEntry("BookingSpike", "4s")
                .containsEntry("SpansDropped", "40s").containsEntry("LatencyBudgetBurn", "8s,4m")
                .containsEntry("ServiceDown", "1m");
        assertThat(String.join("\n", scaled.findValuesAsText("description"))).contains("over 20 seconds",
                "the rate of the previous 4 minutes.").doesNotContain("5 minutes");
        assertThat(String.join("\n", production.findValuesAsText("description"))).contains("over 5 minutes",
                "the rate of the previous hour.");
        promtoolAccepts(new String(drill));

        assertThatThrownBy(() -> new AlertRuleGenerator(BOOKING, config(Map.of("zingmonitor.alerts.time-scale", "0"))))
                .hasMessageContaining("zingmonitor.alerts.time-scale=0.0 must be a positive number");
    }

    @Test
    void latencyObjectiveMustBeABucket() {
        var config = config(Map.of("zingmonitor.slo.enabled", "true", "zingmonitor.slo.latency-threshold-seconds", "0.3"));
        assertThatThrownBy(() -> new AlertRuleGenerator(BOOKING, config))
                .hasMessageContaining("must be one of zingmonitor.metrics.slo-buckets");
    }

    static ZingMonitorBuildTimeConfig config(Map<String, String> properties) {
        return BuildTimeConfigs.config(properties);
    }

    /** The real promtool of Prometheus 3, built by the Makefile (make tools). */
    static void promtoolAccepts(String yaml) throws Exception {
        Path tools = Path.of(System.getProperty("zingmonitor.tools.dir", "../../.tools"));
        Path promtool = tools.resolve("prometheus-3.16.0/promtool");
        assertThat(promtool).as("promtool: run `make tools` (infra/scripts/install-prometheus.sh)").isExecutable();
        Path file = Files.createTempFile("rules", ".yml");
        Files.writeString(file, yaml);
        Process check = new ProcessBuilder(promtool.toString(), "check", "rules", "--lint=all", "--lint-fatal", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        // Lint findings (duplicate rules) that promtool reports without failing fail here too.
        assertThat(output).as(output).doesNotContain("lint error");
    }
}
