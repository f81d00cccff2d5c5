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
import io.zingtickets.infra.OperatorCredential;

/** The fault-injection knobs: what they accept, what they refuse and how they say so. */
@QuarkusTest
class GatewayAdminResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    // The management URL already ends in the non-application root, /q.
    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    @TestHTTPResource(value = "zingmonitor/log-levels", management = true)
    URL logLevels;

    @Test
    void logLevelsOnTheManagementInterfaceChangeOnlyForTheOperator() {
        String debug = "{\"category\":\"io.zingtickets.payment.probe\",\"level\":\"DEBUG\"}";
        given().contentType(ContentType.JSON).body(debug).put(logLevels).then().statusCode(401);
        given().get(logLevels).then().statusCode(401);
        PaymentFlowTest.operator().get(logLevels).then().statusCode(200)
                .body("levels.category", org.hamcrest.Matchers.not(hasItem("io.zingtickets.payment.probe")));
        PaymentFlowTest.operator().contentType(ContentType.JSON).body(debug).put(logLevels).then().statusCode(200)
                .body("level", equalTo("DEBUG"));
        PaymentFlowTest.operator().contentType(ContentType.JSON)
                .body("{\"category\":\"io.zingtickets.payment.probe\",\"level\":null}").put(logLevels).then().statusCode(200);
    }

    @AfterEach
    void restoreGateway() {
        PaymentFlowTest.setGateway(5, 0, 0.0);
    }

    @Test
    void readsTheSettingsInForce() {
        PaymentFlowTest.operator().get("/admin/gateway")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("latencyMs", equalTo(5))
                .body("jitterMs", equalTo(0))
                .body("failureRate", equalTo(0.0f));
    }

    @Test
    void replacesTheSettings() {
        PaymentFlowTest.operator().contentType(ContentType.JSON)
                .body("{\"latencyMs\":250,\"jitterMs\":40,\"failureRate\":0.5}")
                .put("/admin/gateway")
                .then().statusCode(200)
                .body("latencyMs", equalTo(250))
                .body("jitterMs", equalTo(40))
                .body("failureRate", equalTo(0.5f));

        PaymentFlowTest.operator().get("/admin/gateway")
                .then().statusCode(200)
                .body("latencyMs", equalTo(250))
                .body("failureRate", equalTo(0.5f));
    }

    @Test
    void refusesAFailureRateAboveOne() {
        PaymentFlowTest.operator().contentType(ContentType.JSON)
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
        PaymentFlowTest.operator().contentType(ContentType.JSON)
                .body("{\"latencyMs\":60001,\"jitterMs\":20,\"failureRate\":0.1}")
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("field", equalTo("latencyMs"));
        assertUnchanged();
    }

    @Test
    void refusesAMissingField() {
        PaymentFlowTest.operator().contentType(ContentType.JSON)
                .body("{\"latencyMs\":50,\"failureRate\":0.1}")
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("field", equalTo("jitterMs"));
        assertUnchanged();
    }

    @Test
    void refusesAFieldOfTheWrongType() {
        PaymentFlowTest.operator().contentType(ContentType.JSON)
                .body("{\"latencyMs\":50,\"jitterMs\":20,\"failureRate\":\"often\"}")
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("field", equalTo("failureRate"));
        assertUnchanged();
    }

    @Test
    void refusesAnEmptyBody() {
        PaymentFlowTest.operator().contentType(ContentType.JSON)
                .put("/admin/gateway")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("field", equalTo("body"));
        assertUnchanged();
    }

    @Test
    void refusesMalformedJson() {
        PaymentFlowTest.operator().contentType(ContentType.JSON)
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
        PaymentFlowTest.operator().contentType(ContentType.TEXT)
                .body("failureRate=1")
                .put("/admin/gateway")
                .then().statusCode(415)
                .contentType(PROBLEM_JSON);
        assertUnchanged();
    }

    @Test
    void aCallerWithoutTheOperatorCredentialGets401AndChangesNothing() {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\":26000,\"jitterMs\":26000,\"failureRate\":1}")
                .put("/admin/gateway")
                .then().statusCode(401);
        given().auth().preemptive().basic(OperatorCredential.USER, "guess").contentType(ContentType.JSON)
                .body("{\"latencyMs\":26000,\"jitterMs\":26000,\"failureRate\":1}")
                .put("/admin/gateway")
                .then().statusCode(401);
        given().get("/admin/gateway").then().statusCode(401);
        assertUnchanged();
    }

    @Test
    void documentsTheAdminEndpointInOpenApi() {
        given().accept("application/json").get(openApi)
                .then().statusCode(200)
                .body("paths.'/admin/gateway'.put.responses.'200'.description", startsWith("The settings"))
                .body("paths.'/admin/gateway'.put.responses.'400'.content.'application/problem+json'", notNullValue())
                // ZingMonitor's own answers, added by the extension rather than annotated here.
                .body("paths.'/admin/gateway'.put.responses.'415'.content.'application/problem+json'", notNullValue())
                .body("paths.'/admin/gateway'.put.responses.'413'.content.'application/problem+json'", notNullValue())
                .body("paths.'/admin/gateway'.put.responses.'429'.headers.'Retry-After'", notNullValue())
                .body("paths.'/admin/gateway'.get.responses.'429'", notNullValue())
                .body("paths.'/admin/gateway'.get.responses.'415'", org.hamcrest.Matchers.nullValue())
                .body("components.schemas.GatewaySettings.properties.failureRate.maximum", equalTo(1));
    }

    private static void assertUnchanged() {
        PaymentFlowTest.operator().get("/admin/gateway")
                .then().statusCode(200)
                .body("latencyMs", equalTo(5))
                .body("failureRate", equalTo(0.0f));
    }
}
