package io.zingmonitor.deployment.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.Subclass;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.Observed;
import io.zingmonitor.runtime.plan.TelemetryPlan;

/**
 * The {@code @Observed} interceptor runs exactly where the plan lists an operation: the planned
 * method is intercepted (a span and a timer), its neighbour on the same bean is not, and a bean
 * without planned operations is not even given an interception subclass.
 */
class InterceptorPlacementTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tickets.class, Catalogue.class, InMemorySpans.class))
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
            .overrideConfigKey("quarkus.otel.traces.sampler", "always_on");

    @Inject
    Tickets tickets;

    @Inject
    Catalogue catalogue;

    @Inject
    MeterRegistry registry;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void interceptedWhereThePlanSaysAndNowhereElse() throws Exception {
        TelemetryPlan plan = new ObjectMapper().readValue(
                given().get("/q/zingmonitor").then().statusCode(200).extract().asByteArray(), TelemetryPlan.class);
        assertThat(plan.operations()).extracting(TelemetryPlan.Operation::handler)
                .containsExactly(Tickets.class.getName() + "#reserve");

        tickets.reserve();
        tickets.peek();
        catalogue.list();

        SpanData reserve = await().atMost(Duration.ofSeconds(10)).until(
                () -> spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("ticket.reserve")).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(reserve).isNotNull();
        assertThat(registry.find("zingmonitor.operation.duration").timers())
                .extracting(t -> t.getId().getTag("operation")).containsExactly("ticket.reserve");
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).containsOnly("ticket.reserve");
        // Behind the client proxies: ArC generates an interception subclass only for intercepted beans.
        assertThat(ClientProxy.unwrap(tickets)).isInstanceOf(Subclass.class);
        assertThat(ClientProxy.unwrap(catalogue)).isNotInstanceOf(Subclass.class);
    }

    @ApplicationScoped
    public static class Tickets {
        @Observed("ticket.reserve")
        public String reserve() {
            return "reserved";
        }

        public String peek() {
            return "free";
        }
    }

    @ApplicationScoped
    public static class Catalogue {
        public String list() {
            return "all";
        }
    }
}
