package io.zingmonitor.deployment.compat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.runtime.compat.SpanExportAccounting;

/**
 * Both patches that have a switch of their own, switched off: Quarkus's bytecode and negotiation are left
 * alone. It is also the canary of the {@code Accept} patch: Quarkus alone answers Prometheus 3's scrape in
 * the text format, without exemplars. When this fails because Quarkus answers OpenMetrics by itself, the
 * patch can be retired.
 */
class OpenMetricsAcceptDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("zingmonitor.compat.openmetrics-accept.enabled", "false")
            .overrideConfigKey("zingmonitor.compat.span-export-accounting.enabled", "false");

    @Test
    void quarkusAloneAnswersPrometheusInTheTextFormat() {
        given().header("Accept", PrometheusScrape.ACCEPT).get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain"));
    }

    @Test
    void theSpanProcessorIsQuarkussOwn() {
        assertThat(SpanExportAccounting.installed()).isFalse();
    }
}
