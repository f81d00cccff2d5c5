package io.zingmonitor.deployment.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.logging.Level;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.runtime.ratelimit.RateLimiter;

class RateLimitTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PingResource.class))
            .overrideConfigKey("zingmonitor.rate-limit.requests-per-second", "0.01") // no refill within the test, however slow the machine
            .overrideConfigKey("zingmonitor.rate-limit.burst", "3")
            .setLogRecordPredicate(r -> r.getLoggerName().equals("io.zingmonitor.abuse"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .hasSize(1)); // one abuse line per client per interval, not one per rejection

    @Inject
    MeterRegistry registry;

    @Inject
    RateLimiter limiter;

    @Test
    void clientOverItsLimitGets429WithRetryAfterOthersDoNot() {
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", "flooder").get("/ping").then().statusCode(200);
        }
        for (int i = 0; i < 5; i++) {
            given().header("X-API-Key", "flooder").get("/ping").then().statusCode(429)
                    .header("Retry-After", notNullValue())
                    .contentType("application/problem+json")
                    .body("status", equalTo(429));
        }
        given().header("X-API-Key", "polite").get("/ping").then().statusCode(200);
        given().get("/q/health").then().statusCode(org.hamcrest.Matchers.not(429));

        assertThat(registry.get("zingmonitor.rate.limit.rejections").counter().count()).isEqualTo(5);
        limiter.publishRankingNow();
        var top = registry.get("zingmonitor.abuse.top.offender.rejections").tag("rank", "1").gauge();
        assertThat(top.value()).isEqualTo(5);
        assertThat(top.getId().getTag("client")).matches("[0-9a-f]{12}");
    }

    @Path("/ping")
    public static class PingResource {
        @GET
        public String ping() {
            return "pong";
        }
    }
}
