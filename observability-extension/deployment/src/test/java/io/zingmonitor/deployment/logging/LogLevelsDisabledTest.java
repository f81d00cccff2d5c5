package io.zingmonitor.deployment.logging;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** {@code zingmonitor.log-levels.enabled=false} (build time): no log-level route at all, even for a valid caller. */
class LogLevelsDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("zingmonitor.log-levels.enabled", "false")
            .overrideConfigKey("quarkus.http.auth.basic", "true")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.operator", "s3cret-for-tests");

    @Test
    void theEndpointIsGone() {
        given().auth().preemptive().basic("operator", "s3cret-for-tests").get("/q/zingmonitor/log-levels")
                .then().statusCode(404);
        given().auth().preemptive().basic("operator", "s3cret-for-tests").contentType("application/json")
                .body("{\"category\":\"com.example\",\"level\":\"DEBUG\"}").put("/q/zingmonitor/log-levels")
                .then().statusCode(404);
        // The rest of ZingMonitor is still there.
        given().get("/q/zingmonitor").then().statusCode(200);
    }
}
