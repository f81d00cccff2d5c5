package io.zingmonitor.deployment.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.runtime.context.ClientIdentity;
import io.zingmonitor.runtime.http.RequestLog;

/**
 * {@code zingmonitor.request-log.enabled=false} (build time): no access-log bean and no access line,
 * even for an error; the client id still reaches the log context of the request's own lines.
 */
class RequestLogDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(WhoResource.class))
            .overrideConfigKey("zingmonitor.request-log.enabled", "false")
            .setLogRecordPredicate(r -> RequestLog.LOGGER_NAME.equals(r.getLoggerName()))
            .assertLogRecords(records -> assertThat(records).isEmpty());

    @Inject
    Instance<RequestLog> requestLog;

    @Test
    void noAccessLogButTheClientIdStillInTheLogContext() {
        assertThat(requestLog.isUnsatisfied()).isTrue();
        given().header("X-API-Key", "key-of-someone").get("/who").then().statusCode(200)
                .body(matchesPattern("[0-9a-f]{12}"));
        given().get("/nowhere").then().statusCode(404);
    }

    @Path("/who")
    public static class WhoResource {
        @GET
        public String clientId() {
            return String.valueOf(MDC.get(ClientIdentity.MDC_KEY));
        }
    }
}
