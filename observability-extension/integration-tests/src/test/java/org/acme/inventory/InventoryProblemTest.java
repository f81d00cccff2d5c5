package org.acme.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Problem types carry the inventory service's configured prefix, for its own problems and ZingMonitor's. */
@QuarkusTest
class InventoryProblemTest {

    @Test
    void anUnknownSkuIsAProblemOfThisProduct() {
        given().get("/stock/SKU-404").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:inventory:unknown-sku"))
                .body("field", equalTo("sku"));
    }

    @Test
    void anInvalidReservationNamesTheFieldWithoutEchoingTheAccount() {
        String body = given().contentType("application/json")
                .body("{\"quantity\":0,\"accountNumber\":\"DE89370400440532013000\"}")
                .post("/stock/SKU-1/reservations").then().statusCode(400)
                .contentType("application/problem+json")
                .extract().asString();
        assertThat(body).startsWith("{").contains("urn:problem-type:inventory:").contains("quantity")
                .doesNotContain("DE89370400440532013000");
        assertThat(body.toLowerCase(Locale.ROOT)).doesNotContain(ForeignNames.ALL.toArray(String[]::new));
    }

    @Test
    void aReservationBeyondTheStockIsAConflict() {
        given().contentType("application/json").body("{\"quantity\":1,\"accountNumber\":\"DE89370400440532013000\"}")
                .post("/stock/SKU-2/reservations").then().statusCode(409)
                .body("type", equalTo("urn:problem-type:inventory:out-of-stock"));
        given().contentType("application/json").body("{\"quantity\":2,\"accountNumber\":\"DE89370400440532013000\"}")
                .post("/stock/SKU-1/reservations").then().statusCode(200)
                .body("remaining", equalTo(8));
    }
}
