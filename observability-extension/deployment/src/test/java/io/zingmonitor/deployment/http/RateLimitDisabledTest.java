package io.zingmonitor.deployment.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.runtime.ratelimit.RateLimiter;

/**
 * {@code zingmonitor.rate-limit.enabled=false} (build time): no limiter bean, no rejection, no
 * rate-limit meters, even with limits that {@link RateLimitTest} shows rejecting the fourth request.
 */
class RateLimitDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PingResource.class))
            .overrideConfigKey("zingmonitor.rate-limit.enabled", "false")
            .overrideConfigKey("zingmonitor.rate-limit.requests-per-second", "0.01")
            .overrideConfigKey("zingmonitor.rate-limit.burst", "3");

    @Inject
    Instance<RateLimiter> limiter;

    @Inject
    MeterRegistry registry;

    @Test
    void everyRequestPassesAndNoLimiterExists() {
        for (int i = 0; i < 8; i++) {
            given().header("X-API-Key", "busy-client").get("/ping").then().statusCode(200);
        }
        assertThat(limiter.isUnsatisfied()).isTrue();
        assertThat(registry.find("zingmonitor.rate.limit.rejections").meters()).isEmpty();
        assertThat(registry.find("zingmonitor.abuse.top.offender.rejections").meters()).isEmpty();
    }

    @Path("/ping")
    public static class PingResource {
        @GET
        public String ping() {
            return "pong";
        }
    }
}
