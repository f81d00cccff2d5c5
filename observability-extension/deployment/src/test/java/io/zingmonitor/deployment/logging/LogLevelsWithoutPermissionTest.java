package io.zingmonitor.deployment.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.deployment.support.CapturedLog;

/**
 * A service that switched the extension's HTTP permission off (or has no security at all) still cannot have
 * its log levels changed anonymously: the handler itself answers 401 and changes nothing.
 */
class LogLevelsWithoutPermissionTest {

    static final String PATH = "/q/zingmonitor/log-levels";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(CapturedLog.class))
            .overrideConfigKey("quarkus.http.auth.permission.zingmonitor-log-levels.enabled", "false")
            .overrideConfigKey("quarkus.http.auth.basic", "true")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.operator", "s3cret-for-tests");

    @Test
    void anAnonymousCallIsAProblem401AndChangesNothing() {
        CapturedLog audit = CapturedLog.attachTo("io.zingmonitor.audit");
        given().contentType("application/json").body("{\"category\":\"com.example.open\",\"level\":\"DEBUG\"}")
                .put(PATH).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().get(PATH).then().statusCode(401).contentType("application/problem+json");
        assertThat(Logger.getLogger("com.example.open").isDebugEnabled()).isFalse();
        assertThat(audit.lines()).isEmpty();
    }

    @Test
    void anAuthenticatedChangeStillWorks() {
        given().auth().preemptive().basic("operator", "s3cret-for-tests").contentType("application/json")
                .body("{\"category\":\"com.example.open\",\"level\":\"DEBUG\"}")
                .put(PATH).then().statusCode(200).body("level", equalTo("DEBUG"));
        given().auth().preemptive().basic("operator", "s3cret-for-tests").contentType("application/json")
                .body("{\"category\":\"com.example.open\",\"level\":null}")
                .put(PATH).then().statusCode(200);
    }
}
