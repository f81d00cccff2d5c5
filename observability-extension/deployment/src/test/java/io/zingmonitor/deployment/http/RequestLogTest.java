package io.zingmonitor.deployment.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.deployment.support.CapturedLog;
import io.zingmonitor.deployment.support.CapturedLog.Line;

class RequestLogTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TicketResource.class, CapturedLog.class, Line.class))
            .overrideConfigKey("zingmonitor.request-log.success-lines-per-second", "0")
            .overrideConfigKey("zingmonitor.request-log.success-sample-rate", "0")
            .overrideConfigKey("zingmonitor.request-log.slow-threshold", "150ms")
            .overrideConfigKey("zingmonitor.rate-limit.enabled", "false");

    static CapturedLog requestLog;

    @BeforeAll
    static void capture() {
        requestLog = CapturedLog.attachTo("io.zingmonitor.http");
    }

    @Test
    void errorsAndSlowRequestsAreAlwaysLoggedFastSuccessesAreSampled() {
        given().header("X-API-Key", "key-of-ada").get("/tickets/4242424242424242").then().statusCode(200);
        given().header("X-API-Key", "key-of-ada").get("/tickets/slow/1").then().statusCode(200);
        given().get("/nowhere/4242424242424242").then().statusCode(404);

        List<Line> lines = await().atMost(Duration.ofSeconds(5)).until(requestLog::lines, l -> l.size() >= 2);

        // The fast success is sampled out (no budget, rate 0); it may appear only if a loaded machine made it slow.
        assertThat(lines).filteredOn(l -> "/tickets/{id}".equals(l.mdc().get("http.route")))
                .allSatisfy(l -> assertThat(Long.parseLong(l.mdc().get("event.duration"))).isGreaterThanOrEqualTo(150_000_000L));
        assertThat(lines).hasSizeBetween(2, 3);
        Map<String, String> slow = mdc(lines, "/tickets/slow/{id}");
        assertThat(slow).containsEntry("http.request.method", "GET").containsEntry("http.response.status_code", "200");
        assertThat(Long.parseLong(slow.get("event.duration"))).isGreaterThanOrEqualTo(150_000_000L);
        assertThat(slow.get("client.id")).matches("[0-9a-f]{12}").doesNotContain("ada");
        assertThat(lines).extracting(Line::level).contains("WARN");

        Map<String, String> notFound = mdc(lines, "NOT_FOUND");
        assertThat(notFound).containsEntry("http.response.status_code", "404");
        assertThat(lines).extracting(Line::message)
                .noneMatch(m -> m.contains("4242424242424242"));
    }

    private static Map<String, String> mdc(List<Line> lines, String route) {
        return lines.stream().map(Line::mdc)
                .filter(m -> route.equals(m.get("http.route"))).findFirst()
                .orElseThrow(() -> new AssertionError("no request line for " + route + " in " + lines));
    }

    @Path("/tickets")
    public static class TicketResource {
        @GET
        @Path("{id}")
        public String get(@PathParam("id") String id) {
            return "ok";
        }

        @GET
        @Path("slow/{id}")
        public String slow(@PathParam("id") String id) throws InterruptedException {
            Thread.sleep(200);
            return "ok";
        }
    }
}
