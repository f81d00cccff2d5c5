package org.acme.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dashboards and alert rules the inventory service's build generated ({@code target/zingmonitor/},
 * after {@code package}) carry its configured names, uid and title prefixes and runbook, and no word of
 * the ticket shop.
 */
class GeneratedArtifactsIT {

    static final Path GENERATED = Path.of("target", "zingmonitor");

    @Test
    void dashboardsAreNamedAfterThisProduct() throws IOException {
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(GENERATED.resolve("dashboards"))) {
            dashboards = files.sorted().toList();
        }
        assertThat(dashboards).extracting(p -> p.getFileName().toString())
                .contains("inventory-inventory-service.json", "inventory-overview.json");
        for (Path file : dashboards) {
            String text = Files.readString(file);
            JsonNode dashboard = new ObjectMapper().readTree(text);
            assertThat(dashboard.get("uid").asText()).startsWith("inventory-");
            assertThat(dashboard.get("title").asText()).startsWith("Inventory / ");
            assertThat(text.toLowerCase(Locale.ROOT)).as(file.toString())
                    .doesNotContain(ForeignNames.ALL.toArray(String[]::new));
        }
        // The plan has an @Observed operation, so the service dashboard charts operations.
        assertThat(Files.readString(GENERATED.resolve("dashboards/inventory-inventory-service.json")))
                .contains("zingmonitor_operation_duration_seconds");
    }

    @Test
    void rulesLinkThisProductsDashboardAndRunbook() throws IOException {
        String rules = Files.readString(GENERATED.resolve("prometheus-rules.yml"));
        assertThat(rules).contains("- name: inventory-service.alerts", "application: inventory-service",
                "alert: ReservationSpike", "runbook_url: https://runbooks.example.org/inventory.md#reservationspike",
                "dashboard_url: http://localhost:3000/d/inventory-inventory-service");
        assertThat(rules.toLowerCase(Locale.ROOT)).doesNotContain(ForeignNames.ALL.toArray(String[]::new));
    }
}
