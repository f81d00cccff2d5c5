package io.zingmonitor.deployment.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.zingmonitor.deployment.support.BuildTimeConfigs;
import io.zingmonitor.runtime.plan.TelemetryPlan;

class DashboardGeneratorTest {

    static final TelemetryPlan PAYMENT = new TelemetryPlan("payment-service", "1.0",
            List.of(new TelemetryPlan.Endpoint("GET", "/admin/gateway", "A#get"),
                    new TelemetryPlan.Endpoint("PUT", "/admin/gateway", "A#put")),
            List.of(new TelemetryPlan.Channel("booking-requested", "incoming", "smallrye-kafka", "booking.requested", "C#on")),
            List.of(new TelemetryPlan.Operation("payment.authorize", "P#authorize", List.of())), List.of(),
            List.of(new TelemetryPlan.Meter("zingmonitor_messages_total", "counter", "messages",
                    List.of("channel", "direction", "outcome"), "Messages")));

    final DashboardGenerator generator = new DashboardGenerator(BuildTimeConfigs.config(Map.of(
            "zingmonitor.dashboards.jaeger-url", "http://jaeger", "zingmonitor.dashboards.logs-url", "http://logs")));

    @Test
    void serviceDashboardHasAPanelPerEndpointAndOnlyWhatThePlanHas() {
        JsonNode dashboard = generator.service(PAYMENT);

        assertThat(dashboard.get("uid").asText()).isEqualTo("zingmonitor-payment-service");
        assertThat(titles(dashboard)).contains("GET /admin/gateway", "PUT /admin/gateway", "Operations per second by outcome",
                "Kafka consumer lag", "Messages per second by channel", "Message processing time p95 by channel", "CPU", "Memory", "GC pauses", "Threads", "Log events by level");
        JsonNode worker = generator.service(new TelemetryPlan("worker", "1", List.of(), List.of(), List.of(), List.of(), List.of()));
        assertThat(titles(worker)).doesNotContain("Requests per second by route", "Kafka consumer lag",
                "Messages per second by channel",
                "Operations per second by outcome");
    }

    @Test
    void everyDashboardUsesTheDatasourceVariableUniqueIdsAndNoOverlappingPanels() {
        for (JsonNode dashboard : List.of(generator.service(PAYMENT), generator.overview(), generator.abuse())) {
            var ids = new HashSet<Integer>();
            var cells = new HashSet<String>();
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(ids.add(panel.get("id").asInt())).isTrue();
                JsonNode grid = panel.get("gridPos");
                for (int x = grid.get("x").asInt(); x < grid.get("x").asInt() + grid.get("w").asInt(); x++) {
                    for (int y = grid.get("y").asInt(); y < grid.get("y").asInt() + grid.get("h").asInt(); y++) {
                        assertThat(cells.add(x + ":" + y)).as("overlap at %s,%s in %s", x, y, panel.get("title")).isTrue();
                    }
                }
                if (!panel.get("type").asText().equals("row")) {
                    assertThat(panel.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
                    assertThat(panel.get("targets")).isNotEmpty();
                }
            }
            assertThat(dashboard.get("templating").get("list").get(0).get("type").asText()).isEqualTo("datasource");
        }
    }

    @Test
    void productNamesComeFromConfigurationOnly() {
        JsonNode neutral = generator.overview();
        assertThat(neutral.toString().toLowerCase(java.util.Locale.ROOT)).doesNotContain("tickets", "booking");
        assertThat(neutral.findValuesAsText("title")).doesNotContain("Runbooks");

        var acme = new DashboardGenerator(BuildTimeConfigs.config(Map.of(
                "zingmonitor.dashboards.uid-prefix", "acme-",
                "zingmonitor.dashboards.title-prefix", "Acme: ",
                "zingmonitor.dashboards.tags", "acme,zingmonitor",
                "zingmonitor.dashboards.overview.description", "All of Acme",
                "zingmonitor.alerts.runbook-url", "https://acme.example/runbooks")));
        JsonNode service = acme.service(PAYMENT);
        assertThat(service.get("uid").asText()).isEqualTo("acme-payment-service");
        assertThat(service.get("title").asText()).isEqualTo("Acme: payment-service");
        assertThat(service.get("tags").toString()).isEqualTo("[\"acme\",\"zingmonitor\",\"payment-service\"]");
        JsonNode overview = acme.overview();
        assertThat(overview.get("uid").asText()).isEqualTo("acme-overview");
        assertThat(overview.get("description").asText()).isEqualTo("All of Acme");
        assertThat(acme.abuse().get("uid").asText()).isEqualTo("acme-abuse");
        assertThat(overview.findValuesAsText("url")).contains("https://acme.example/runbooks");
    }

    private static List<String> titles(JsonNode dashboard) {
        List<String> titles = new ArrayList<>();
        dashboard.get("panels").forEach(p -> titles.add(p.get("title").asText()));
        return titles;
    }
}
