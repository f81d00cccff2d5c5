package io.zingmonitor.deployment.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.deployment.support.CapturedLog;
import io.zingmonitor.deployment.support.CapturedLog.Line;

/**
 * Production's way with fast successes and with refusals: a few lines each second, then a sample (here
 * none); other errors always.
 */
class RequestLogBudgetTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PingResource.class, CapturedLog.class, Line.class))
            .overrideConfigKey("zingmonitor.request-log.success-lines-per-second", "2")
            .overrideConfigKey("zingmonitor.request-log.success-sample-rate", "0")
            .overrideConfigKey("zingmonitor.request-log.refusal-lines-per-second", "3")
            .overrideConfigKey("zingmonitor.request-log.refusal-sample-rate", "0")
            .overrideConfigKey("zingmonitor.rate-limit.enabled", "false");

    static CapturedLog requestLog;

    @BeforeAll
    static void capture() {
        requestLog = CapturedLog.attachTo("io.zingmonitor.http");
    }

    @Test
    void aBusySecondLogsItsBudgetAndEveryError() {
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            given().get("/ping").then().statusCode(200);
        }
        given().get("/ping/missing").then().statusCode(404);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
        // The 404 came last; its line is written once its response has ended.
        List<Line> lines = await().atMost(Duration.ofSeconds(5)).until(requestLog::lines,
                l -> l.stream().anyMatch(line -> "404".equals(line.mdc().get("http.response.status_code"))));
        List<Line> successes = lines.stream().filter(l -> "200".equals(l.mdc().get("http.response.status_code"))).toList();
        // At least one second's budget, at most the budget of each second the requests spanned (and at most
        // one more second's, where a slow line just crossed into it); never the 40 requests.
        assertThat(successes).hasSizeBetween(2, (int) (2 * (seconds + 1)));
        assertThat(lines).filteredOn(l -> "404".equals(l.mdc().get("http.response.status_code"))).hasSize(1);
    }

    @Test
    void aFloodOfRefusalsLogsItsBudgetWhileOtherErrorsAreAllLogged() {
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            given().get("/ping/overloaded").then().statusCode(503).header("Retry-After", "2");
            given().get("/ping/broken").then().statusCode(503).header("Retry-After", (String) null);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
        List<Line> lines = await().atMost(Duration.ofSeconds(5)).until(requestLog::lines,
                l -> l.stream().filter(line -> "/ping/broken".equals(line.mdc().get("http.route"))).count() == 30);
        assertThat(lines).filteredOn(l -> "/ping/overloaded".equals(l.mdc().get("http.route")))
                .hasSizeBetween(3, (int) (3 * (seconds + 1)))
                .allSatisfy(line -> assertThat(line.level()).isEqualTo("WARN"));
    }

    @Path("/ping")
    public static class PingResource {
        @GET
        public String ping() {
            return "pong";
        }

        /** Load shed on purpose: the client is told when to come back. */
        @GET
        @Path("overloaded")
        public Response overloaded() {
            return Response.status(503).header("Retry-After", "2").build();
        }

        /** A 503 without Retry-After is an error like any other. */
        @GET
        @Path("broken")
        public Response broken() {
            return Response.status(503).build();
        }
    }
}
