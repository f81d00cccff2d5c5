package io.zingmonitor.deployment.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.deployment.support.CapturedLog;
import io.zingmonitor.deployment.support.CapturedLog.Line;

/** The access log with no settings at all, as a developer first meets it in dev and test mode. */
class RequestLogDefaultsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SeatResource.class, CapturedLog.class, Line.class))
            .overrideConfigKey("zingmonitor.rate-limit.enabled", "false");

    static CapturedLog requestLog;

    @BeforeAll
    static void capture() {
        requestLog = CapturedLog.attachTo("io.zingmonitor.http");
    }

    @Test
    void everyRequestIsLoggedInTestModeThoughProductionSamplesSuccesses() {
        // Production's default is 10 lines a second, then 1 % (the mapping's); the extension sets 1 for dev and test.
        assertThat(ConfigProvider.getConfig().getValue("zingmonitor.request-log.success-sample-rate", Double.class))
                .isEqualTo(1.0);
        assertThat(ConfigProvider.getConfig().getValue("zingmonitor.request-log.refusal-sample-rate", Double.class))
                .isEqualTo(1.0);

        for (int i = 0; i < 20; i++) {
            given().get("/seats/" + i).then().statusCode(200);
        }

        List<Line> lines = await().atMost(Duration.ofSeconds(5)).until(requestLog::lines, l -> l.size() >= 20);
        assertThat(lines).hasSize(20).allSatisfy(line -> {
            assertThat(line.level()).isEqualTo("INFO");
            assertThat(line.message()).matches("GET /seats/\\{id} 200 \\d+\\.\\d{2} ms");
            assertThat(line.mdc()).containsEntry("http.route", "/seats/{id}").containsKey("client.id");
        });
    }

    @Path("/seats")
    public static class SeatResource {
        @GET
        @Path("{id}")
        public String get(@PathParam("id") String id) {
            return "ok";
        }
    }
}
