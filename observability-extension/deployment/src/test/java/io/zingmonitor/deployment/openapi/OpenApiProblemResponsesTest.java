package io.zingmonitor.deployment.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The served OpenAPI document lists the answers ZingMonitor gives: 429 with Retry-After where the rate
 * limit applies, 413 and 415 where a body is read, with the problem schema; nowhere else, and never over
 * what the service documented itself; an error the service names without content gets the problem schema.
 */
class OpenApiProblemResponsesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Items.class, Internal.class))
            .overrideConfigKey("zingmonitor.rate-limit.excluded-paths", "/q/,/internal/");

    @Path("/items")
    public static class Items {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public String list() {
            return "[]";
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @APIResponse(responseCode = "415", description = "Only JSON, says the service",
                content = @Content(mediaType = "application/problem+json"))
        public String add(String item) {
            return item;
        }

        @GET
        @Path("/{id}")
        @Produces(MediaType.APPLICATION_JSON)
        @APIResponse(responseCode = "200", description = "The item")
        @APIResponse(responseCode = "404", description = "No such item")
        public String one(@PathParam("id") String id) {
            return "{}";
        }
    }

    @Path("/internal/ping")
    public static class Internal {
        @GET
        public String ping() {
            return "pong";
        }
    }

    @Test
    void rateLimitedOperationsDocument429WithRetryAfter() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/items'.get.responses.'429'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/ProblemDetail"))
                .body("paths.'/items'.get.responses.'429'.headers.'Retry-After'.schema.type", equalTo("integer"))
                .body("paths.'/items'.post.responses.'429'", notNullValue())
                .body("components.schemas.ProblemDetail.required", hasItems("type", "title", "status"));
    }

    @Test
    void bodyAnswersOnlyWhereABodyIsRead() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/items'.post.responses.'413'.content.'application/problem+json'", notNullValue())
                .body("paths.'/items'.get.responses.'413'", nullValue())
                .body("paths.'/items'.get.responses.'415'", nullValue());
    }

    @Test
    void theServicesOwnDocumentationWins() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/items'.post.responses.'415'.description", equalTo("Only JSON, says the service"));
    }

    @Test
    void errorsTheServiceNamesWithoutContentGetTheProblemSchema() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/items/{id}'.get.responses.'404'.description", equalTo("No such item"))
                .body("paths.'/items/{id}'.get.responses.'404'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/ProblemDetail"))
                .body("paths.'/items/{id}'.get.responses.'200'.content.'application/problem+json'", nullValue());
    }

    @Test
    void excludedPathsHaveNo429() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/internal/ping'.get.responses.'200'", notNullValue())
                .body("paths.'/internal/ping'.get.responses.'429'", nullValue());
    }
}
