package org.acme.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The inventory service's telemetry plan names its own endpoints, operation and sensitive field, and nothing else. */
@QuarkusTest
class InventoryPlanTest {

    @Test
    void thePlanDescribesThisServiceOnly() {
        String body = given().get("/q/zingmonitor").then().statusCode(200).extract().asString();
        JsonPath plan = JsonPath.from(body);

        assertThat(plan.getString("service")).isEqualTo("inventory-service");
        assertThat(plan.getList("endpoints.route", String.class)).contains("/stock/{sku}", "/stock/{sku}/reservations");
        assertThat(plan.getList("operations.name", String.class)).containsExactly("stock.reserve");
        assertThat(plan.getList("sensitiveFields.field", String.class)).contains("accountNumber");
        assertThat(plan.getList("channels")).isEmpty();
        assertThat(body.toLowerCase(Locale.ROOT)).doesNotContain(ForeignNames.ALL.toArray(String[]::new));
    }

    @Test
    void noMessagingMetersWithoutMessaging() {
        List<String> meters = given().get("/q/zingmonitor").then().extract().jsonPath().getList("meters.name");
        assertThat(meters).contains("zingmonitor_operation_duration_seconds").noneMatch(m -> m.contains("message"));
    }
}
