package io.zingmonitor.deployment.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.Observed;
import io.zingmonitor.Sensitive;
import io.zingmonitor.TelemetryAttribute;
import io.zingmonitor.runtime.plan.TelemetryPlan;

class TelemetryPlanTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TicketResource.class, TicketService.class, TicketListener.class,
                    Payment.class, Plain.class))
            .overrideConfigKey("quarkus.application.name", "ticket-app");

    @Test
    void planListsExactlyTheEndpointsChannelsAndOperations() throws Exception {
        TelemetryPlan plan = new ObjectMapper().readValue(
                given().get("/q/zingmonitor").then().statusCode(200).extract().asByteArray(), TelemetryPlan.class);

        assertThat(plan.service()).isEqualTo("ticket-app");
        assertThat(plan.endpoints()).extracting(e -> e.method() + " " + e.route())
                .containsExactly("GET /tickets", "POST /tickets", "GET /tickets/{id}");
        assertThat(plan.channels()).extracting(c -> c.direction() + " " + c.name())
                .containsExactly("incoming tickets", "outgoing tickets");
        assertThat(plan.operations()).singleElement().satisfies(op -> {
            assertThat(op.name()).isEqualTo("ticket.reserve");
            assertThat(op.attributes()).containsExactly("ticket.id");
        });
        assertThat(plan.sensitiveFields()).extracting(f -> f.field())
                .containsExactlyInAnyOrder("password", "note");
        assertThat(plan.meters()).extracting(TelemetryPlan.Meter::name)
                .contains("http_server_requests_seconds", "zingmonitor_operation_duration_seconds",
                        "zingmonitor_log_events_total");
    }

    @Test
    void planIsServedAsJson() {
        given().get("/q/zingmonitor").then().statusCode(200)
                .contentType("application/json")
                .body("endpoints", hasSize(3))
                .body("operations[0].name", equalTo("ticket.reserve"));
    }

    @jakarta.ws.rs.Path("/tickets")
    public static class TicketResource {
        @Inject
        TicketService service;

        @GET
        public List<String> list() {
            return List.of();
        }

        @POST
        public String create() {
            return service.reserve("t-1");
        }

        @GET
        @jakarta.ws.rs.Path("{id: [0-9]+}")
        public String get(@PathParam("id") String id) {
            return id;
        }
    }

    @ApplicationScoped
    public static class TicketService {
        @Inject
        @Channel("tickets")
        Emitter<String> tickets;

        @Observed("ticket.reserve")
        public String reserve(@TelemetryAttribute("ticket.id") String id) {
            tickets.send(id);
            return id;
        }
    }

    @ApplicationScoped
    public static class TicketListener {
        @Incoming("tickets")
        public void onTicket(String id) {
        }
    }

    public record Payment(String password, @Sensitive String note, String amount) {
    }

    public static class Plain {
        String name;
    }
}
