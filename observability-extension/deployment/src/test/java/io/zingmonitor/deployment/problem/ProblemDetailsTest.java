package io.zingmonitor.deployment.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.logging.Level;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.assertj.core.api.Assertions;
import org.hibernate.validator.constraints.LuhnCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.zingmonitor.ProblemException;

class ProblemDetailsTest {

    static final String CARD = "4242424242424241"; // fails Luhn

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OrderResource.class, OrderRequest.class, Card.class))
            .overrideConfigKey("quarkus.http.limits.max-body-size", "1K")
            .overrideConfigKey("zingmonitor.problem.type-prefix", "urn:problem-type:acme:")
            .overrideConfigKey("zingmonitor.problem.unavailable-retry-after", "7s")
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.zingmonitor"))
            .assertLogRecords(records -> {
                List<String> errors = records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                        .map(r -> r.getMessage()).toList();
                // Each unhandled exception (the bug and the bad SQL) is logged once; expected failures, an unreachable
                // backend and a restarting database are not errors.
                Assertions.assertThat(errors).hasSize(2);
                Assertions.assertThat(records).anySatisfy(r -> Assertions.assertThat(r.getMessage()).startsWith("Backend unavailable"));
            });

    @Test
    void validationFailureNamesEveryFieldWithoutEchoingTheValue() {
        given().contentType(ContentType.JSON)
                .body("{\"quantity\":0,\"email\":\"not-an-email\",\"card\":{\"number\":\"" + CARD + "\"}}")
                .post("/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:acme:validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItems("quantity", "email", "card.number"))
                .body("instance", equalTo("/orders"))
                .body(not(containsString(CARD)));
    }

    @Test
    void singleFieldFailureIsNamedAtTopLevel() {
        given().contentType(ContentType.JSON)
                .body("{\"quantity\":1,\"email\":\"a@example.com\",\"card\":{\"number\":\"4242424242424242\"}}")
                .post("/orders")
                .then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"quantity\":1,\"email\":\"a@example.com\"}")
                .post("/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("card"));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON).body("{\"quantity\": 1,")
                .post("/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:acme:malformed-json"));
    }

    @Test
    void wrongTypeNamesTheFieldWithoutEchoingIt() {
        given().contentType(ContentType.JSON).body("{\"quantity\":\"" + CARD + "\"}")
                .post("/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("quantity"))
                .body(not(containsString(CARD)));
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType(ContentType.TEXT).body("hello")
                .post("/orders")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:acme:unsupported-media-type"));
    }

    @Test
    void bodyOverTheLimitIs413Problem() {
        given().contentType(ContentType.JSON).body("{\"email\":\"" + "a".repeat(2000) + "\"}")
                .post("/orders")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:acme:payload-too-large"));
    }

    @Test
    void unknownRouteIs404Problem() {
        given().get("/nowhere").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("instance", equalTo("/nowhere"))
                .body("traceId", matchesRegex("[0-9a-f]{32}"));
    }

    @Test
    void applicationProblemKeepsItsTypeAndField() {
        given().get("/orders/7").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:acme:sold-out"))
                .body("field", equalTo("quantity"))
                .body("instance", equalTo("/orders/7"));
    }

    @Test
    void unhandledExceptionIs500WithoutInternals() {
        given().get("/orders/boom").then().statusCode(500).contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:acme:internal-error"))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("secret-internal-detail")))
                .body("traceId", matchesRegex("[0-9a-f]{32}"));
    }

    @Test
    void unreachableBackendIs503WithRetryAfterNot500() {
        given().get("/orders/backend-down").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("type", equalTo("urn:problem-type:acme:service-unavailable"))
                .body(not(containsString("127.0.0.1")))
                .body("traceId", matchesRegex("[0-9a-f]{32}"));
    }

    @Test
    void databaseRefusingSessionsWhileItRestartsIs503NotItsMessage() {
        given().get("/orders/database-restarting").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("type", equalTo("urn:problem-type:acme:service-unavailable"))
                .body(not(containsString("starting up")));
    }

    @Test
    void badSqlStays500() {
        given().get("/orders/bad-sql").then().statusCode(500)
                .body("type", equalTo("urn:problem-type:acme:internal-error"))
                .header("Retry-After", nullValue());
    }

    @Path("/orders")
    public static class OrderResource {

        @GET
        @Path("/database-restarting")
        public String databaseRestarting() {
            // As a JDBC driver reports PostgreSQL's start-up: an ordinary error whose SQLSTATE alone tells the outage.
            throw new IllegalStateException("query failed",
                    new java.sql.SQLException("FATAL: the database system is starting up", "57P03"));
        }

        @GET
        @Path("/bad-sql")
        public String badSql() {
            throw new IllegalStateException("query failed", new java.sql.SQLException("syntax error at or near \"SELEC\"", "42601"));
        }

        @GET
        @Path("/backend-down")
        public String backendDown() {
            // As a database client reports a refused connection: wrapped, with the address in the message.
            throw new IllegalStateException("query failed", new java.net.ConnectException("Connection refused: /127.0.0.1:5432"));
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public String create(@Valid @NotNull OrderRequest request) {
            return "ok";
        }

        @GET
        @Path("/boom")
        public String boom() {
            throw new IllegalStateException("secret-internal-detail");
        }

        @GET
        @Path("/{id}")
        public String get(@PathParam("id") int id) {
            throw new ProblemException(409, "sold-out", "Sold out", "Not enough seats left.", "quantity");
        }
    }

    public record OrderRequest(@Min(1) int quantity, @NotBlank @Email String email, @NotNull @Valid Card card) {
    }

    public record Card(@NotNull @LuhnCheck String number) {
    }
}
