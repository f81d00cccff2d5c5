package io.zingmonitor.deployment.http;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Behind a trusted proxy ({@code quarkus.http.proxy.proxy-address-forwarding}), each forwarded address is a client. */
class ForwardedClientAddressTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RateLimitTest.PingResource.class))
            .overrideConfigKey("quarkus.http.proxy.proxy-address-forwarding", "true")
            .overrideConfigKey("quarkus.http.proxy.allow-x-forwarded", "true")
            .overrideConfigKey("zingmonitor.rate-limit.requests-per-second", "0.01")
            .overrideConfigKey("zingmonitor.rate-limit.burst", "1");

    @Test
    void eachForwardedAddressHasItsOwnLimit() {
        given().header("X-Forwarded-For", "203.0.113.7").get("/ping").then().statusCode(200);
        given().header("X-Forwarded-For", "203.0.113.7").get("/ping").then().statusCode(429);
        given().header("X-Forwarded-For", "198.51.100.9").get("/ping").then().statusCode(200);
    }
}
