package io.zingmonitor.deployment.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;
import io.zingmonitor.deployment.support.CapturedLog;

/**
 * Log levels change at run time on the management interface, only for an authenticated caller, each change
 * audited with that caller; bad input is a 4xx problem.
 */
class LogLevelsEndpointTest {

    static final String PATH = "/q/zingmonitor/log-levels";
    static final String USER = "operator";
    static final String PASSWORD = "s3cret-for-tests";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(CapturedLog.class))
            .overrideConfigKey("quarkus.http.auth.basic", "true")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users." + USER, PASSWORD);

    static RequestSpecification operator() {
        return given().auth().preemptive().basic(USER, PASSWORD);
    }

    @ParameterizedTest(name = "password {0}")
    @org.junit.jupiter.params.provider.NullSource
    @org.junit.jupiter.params.provider.ValueSource(strings = "guess")
    void aChangeWithoutValidCredentialsIs401AndChangesNothing(String password) {
        CapturedLog audit = CapturedLog.attachTo("io.zingmonitor.audit");
        RequestSpecification caller = password == null ? given() : given().auth().preemptive().basic(USER, password);
        caller.contentType("application/json").body("{\"category\":\"com.example.guarded\",\"level\":\"DEBUG\"}")
                .put(PATH).then().statusCode(401);
        caller.get(PATH).then().statusCode(401);
        assertThat(Logger.getLogger("com.example.guarded").isDebugEnabled()).as("level unchanged").isFalse();
        assertThat(audit.lines()).as("no audit line for a refused change").isEmpty();
    }

    @Test
    void aLevelChangedAtRunTimeTakesEffectAndIsAudited() {
        CapturedLog audit = CapturedLog.attachTo("io.zingmonitor.audit");
        Logger logger = Logger.getLogger("com.example.Orders");
        assertThat(logger.isDebugEnabled()).as("DEBUG before the change").isFalse();

        operator().contentType("application/json").body("{\"category\":\"com.example\",\"level\":\"debug\"}")
                .put(PATH).then().statusCode(200)
                .body("category", equalTo("com.example"))
                .body("level", equalTo("DEBUG"))
                .body("previousLevel", equalTo("INHERITED"));

        assertThat(logger.isDebugEnabled()).as("DEBUG after the change, without a restart").isTrue();
        operator().get(PATH).then().statusCode(200)
                .body("levels.category", hasItem("com.example"))
                .body("levels.find { it.category == 'com.example' }.level", equalTo("DEBUG"))
                .body("levels.find { it.category == 'ROOT' }.effectiveLevel", equalTo("INFO"))
                .body("minLevel", equalTo("DEBUG"));

        operator().contentType("application/json").body("{\"category\":\"com.example\",\"level\":null}")
                .post(PATH).then().statusCode(200).body("level", equalTo("INHERITED")).body("previousLevel", equalTo("DEBUG"));
        assertThat(logger.isDebugEnabled()).as("back to the parent's level").isFalse();

        List<CapturedLog.Line> lines = audit.lines();
        assertThat(lines).hasSize(2);
        CapturedLog.Line first = lines.get(0);
        assertThat(first.level()).isEqualTo("INFO");
        assertThat(first.message()).contains("com.example", "INHERITED", "DEBUG", "by " + USER + "@");
        assertThat(first.mdc()).containsEntry("zingmonitor.audit.category", "com.example")
                .containsEntry("zingmonitor.audit.old_level", "INHERITED")
                .containsEntry("zingmonitor.audit.new_level", "DEBUG")
                .containsEntry("zingmonitor.audit.action", "log-level-change")
                .hasEntrySatisfying("zingmonitor.audit.actor", actor -> assertThat(actor).startsWith(USER + "@"));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("not json", "body"),
                Arguments.of("[]", "body"),
                Arguments.of("{\"level\":\"DEBUG\"}", "category"),
                Arguments.of("{\"category\":42,\"level\":\"DEBUG\"}", "category"),
                Arguments.of("{\"category\":\"a\\nfake line\",\"level\":\"DEBUG\"}", "category"),
                Arguments.of("{\"category\":\"" + "a".repeat(201) + "\",\"level\":\"DEBUG\"}", "category"),
                Arguments.of("{\"category\":\"com.example\"}", "level"),
                Arguments.of("{\"category\":\"com.example\",\"level\":\"LOUD\"}", "level"),
                Arguments.of("{\"category\":\"com.example\",\"level\":7}", "level"),
                Arguments.of("{\"category\":\"com.example\",\"level\":\"TRACE\"}", "level"),
                Arguments.of("{\"category\":\"com.example\",\"level\":\"INFO\",\"actor\":\"me\"}", "actor"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badInputIsAProblemNamingTheFieldAndChangesNothing(String body, String field) {
        CapturedLog audit = CapturedLog.attachTo("io.zingmonitor.audit");
        operator().contentType("application/json").body(body).put(PATH).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("field", equalTo(field));
        assertThat(audit.lines()).as("no audit line for a refused change").isEmpty();
        assertThat(Logger.getLogger("com.example").isDebugEnabled()).isFalse();
    }

    @Test
    void oversizedBodiesAndOtherMethodsAreProblemsToo() {
        operator().contentType("application/json").body("{\"category\":\"" + "a".repeat(5000) + "\"}").put(PATH).then()
                .statusCode(413).contentType("application/problem+json");
        operator().delete(PATH).then().statusCode(405).contentType("application/problem+json")
                .header("Allow", containsString("PUT"));
    }
}
