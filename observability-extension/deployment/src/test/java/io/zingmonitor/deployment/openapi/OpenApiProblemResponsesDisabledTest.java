package io.zingmonitor.deployment.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** {@code zingmonitor.openapi.enabled=false} (build time): the document is the service's alone. */
class OpenApiProblemResponsesDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OpenApiProblemResponsesTest.Items.class))
            .overrideConfigKey("zingmonitor.openapi.enabled", "false");

    @Test
    void noResponseIsAdded() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/items'.get.responses.'200'", notNullValue())
                .body("paths.'/items'.get.responses.'429'", nullValue())
                .body("paths.'/items'.post.responses.'413'", nullValue());
    }
}
