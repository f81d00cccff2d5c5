package io.zingtickets.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The fault-injection knobs: what they accept, what they refuse and how they say so. */
@QuarkusTest
class GatewayAdminResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    // The management URL already ends in the non-application root, /q.
    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    @AfterEach
    void restoreGateway() {
        PaymentFlowTest.setGateway(5, 0, 0.0);
    }

    @Test
    void readsTheSettingsInForce() {
        given().get("/admin/gateway")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("latencyMs", equalTo(5))
                .body("jitterMs", equalTo(0))
                .body("failureRate", equalTo(0.0f));
    }

    @Test
    void replacesTheSettings() {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\":250,\"jitterMs\":40,\"failureRate\":0.5}")
                .put("/admin/gateway")
                .then().statusCode(200)
                .body("latencyMs", equalTo(250))
                .body("jitterMs", equalTo(40))
                .body("failureRate", equalTo(0.5f));

        given().get("/admin/gateway")
                .then().statusCode(200)
                .body("latencyMs", equalTo(250))
                .body("failureRate", equalTo(0.5f));
    }

    @Test
    void refusesAFailureRateAboveOne() {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\":50,\"jitterMs\":20,\"failureRate\":2}")
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("field", equalTo("failureRate"))
                .body("errors.field", hasItem("failureRate"));
        assertUnchanged();
    }

    @Test
    void refusesALatencyAboveOneMinute() {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\":60001,\"jitterMs\":20,\"failureRate\":0.1}")
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("field", equalTo("latencyMs"));
        assertUnchanged();
    }

    @Test
    void refusesAMissingField() {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\":50,\"failureRate\":0.1}")
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("field", equalTo("jitterMs"));
        assertUnchanged();
    }

    @Test
    void refusesAFieldOfTheWrongType() {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\":50,\"jitterMs\":20,\"failureRate\":\"often\"}")
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("field", equalTo("failureRate"));
        assertUnchanged();
    }

    @Test
    void refusesAnEmptyBody() {
        given().contentType(ContentType.JSON)
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("field", equalTo("body"));
        assertUnchanged();
    }

    @Test
    void refusesMalformedJson() {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\":50,")
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("type", containsString("malformed-json"));
        assertUnchanged();
    }

    @Test
    void refusesANonJsonBody() {
        given().contentType(ContentType.TEXT)
                .body("failureRate=1")
                .put("/admin/gateway")
                .then().statusCode(415)
                .contentType(PROBLEM_JSON);
        assertUnchanged();
    }

    @Test
    void documentsTheAdminEndpointInOpenApi() {
        given().accept("application/json").get(openApi)
                .then().statusCode(200)
                .body("paths.'/admin/gateway'.put.responses.'200'.description", startsWith("The settings"))
                .body("paths.'/admin/gateway'.put.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("components.schemas.GatewaySettings.properties.failureRate.maximum", equalTo(1));
    }

    private static void assertUnchanged() {
        given().get("/admin/gateway")
                .then().statusCode(200)
                .body("latencyMs", equalTo(5))
                .body("failureRate", equalTo(0.0f));
    }
}
