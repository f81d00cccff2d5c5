package io.zingmonitor.deployment.http;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Without an API key a client is its address. Unless Quarkus is told to trust a proxy, that is the
 * connection's peer: a forwarding header a client writes itself must not give it a fresh rate limit.
 */
class ClientAddressTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RateLimitTest.PingResource.class))
            .overrideConfigKey("zingmonitor.rate-limit.requests-per-second", "0.01")
            .overrideConfigKey("zingmonitor.rate-limit.burst", "1");

    @Test
    void aForwardingHeaderDoesNotMakeANewClient() {
        given().header("X-Forwarded-For", "203.0.113.7").get("/ping").then().statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.9").get("/ping").then().statusCode(429);
    }
}
