package io.zingmonitor.deployment.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** {@code zingmonitor.problem.enabled=false} (build time): Quarkus answers errors its own way. */
class ProblemDetailsDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Failing.class))
            .overrideConfigKey("zingmonitor.problem.enabled", "false");

    @Path("/failing")
    public static class Failing {
        @GET
        public String fail() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void anUnhandledExceptionIsNotAProblemDocument() {
        given().get("/failing").then().statusCode(500)
                .header("Content-Type", not(startsWith("application/problem+json")));
    }
}
