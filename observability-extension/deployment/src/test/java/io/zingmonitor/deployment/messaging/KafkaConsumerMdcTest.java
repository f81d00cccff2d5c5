package io.zingmonitor.deployment.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import io.zingmonitor.Observed;
import io.zingmonitor.TelemetryAttribute;
import io.zingmonitor.deployment.support.CapturedLog;
import io.zingmonitor.deployment.support.CapturedLog.Line;
import io.zingmonitor.deployment.support.RealKafka;

/**
 * Log lines written inside a Kafka consumer, before and after a reactive hop, carry the trace id of
 * the HTTP request that produced the record, the consumer's own span id, the booking id of the
 * observed operation and the hashed client id of the original caller; through a real broker.
 */
class KafkaConsumerMdcTest {

    static final String TOPIC = "zingmonitor.test.bookings";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BookingDesk.class, BookingConsumer.class, Settlement.class,
                    CapturedLog.class, Line.class, RealKafka.class))
            .overrideConfigKey("kafka.bootstrap.servers", RealKafka.withTopics(TOPIC))
            .overrideConfigKey("mp.messaging.outgoing.bookings-out.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.outgoing.bookings-out.topic", TOPIC)
            .overrideConfigKey("mp.messaging.incoming.bookings.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.incoming.bookings.topic", TOPIC)
            .overrideConfigKey("mp.messaging.incoming.bookings.auto.offset.reset", "earliest")
            .overrideConfigKey("quarkus.otel.traces.sampler", "always_on")
            .overrideConfigKey("zingmonitor.rate-limit.enabled", "false");

    static CapturedLog consumerLog;

    @BeforeAll
    static void capture() {
        consumerLog = CapturedLog.attachTo(Settlement.class.getName());
    }

    @Test
    void consumerLinesCarryTraceSpanBookingAndClientIds() {
        given().header("X-API-Key", "key-of-ada").post("/bookings/b-17").then().statusCode(204);

        List<Line> lines = await().atMost(Duration.ofSeconds(30)).until(consumerLog::lines, l -> l.size() >= 2);
        assertThat(lines).extracting(Line::message).containsExactly("settling b-17", "settled b-17");
        Map<String, String> request = BookingDesk.requestMdc;
        assertThat(request.get("traceId")).matches("[0-9a-f]{32}");
        assertThat(request.get("client.id")).matches("[0-9a-f]{12}");
        for (Line line : lines) {
            assertThat(line.mdc()).as(line.message())
                    .containsEntry("traceId", request.get("traceId"))
                    .containsEntry("shop.order.id", "b-17")
                    .containsEntry("client.id", request.get("client.id"));
            assertThat(line.mdc().get("spanId")).as(line.message()).matches("[0-9a-f]{16}")
                    .isNotEqualTo(request.get("spanId"));
        }
    }

    @Path("/bookings")
    public static class BookingDesk {
        static volatile Map<String, String> requestMdc;

        @Inject
        @Channel("bookings-out")
        Emitter<String> bookings;

        @POST
        @Path("/{id}")
        public Uni<Void> book(@PathParam("id") String id) {
            Map<String, String> mdc = new HashMap<>();
            for (String key : new String[] { "traceId", "spanId", "client.id" }) {
                mdc.put(key, String.valueOf(MDC.get(key)));
            }
            requestMdc = mdc;
            return Uni.createFrom().completionStage(bookings.send(id));
        }
    }

    @ApplicationScoped
    public static class BookingConsumer {
        @Inject
        Settlement settlement;

        @Incoming("bookings")
        public Uni<Void> onBooking(String id) {
            return settlement.settle(id).replaceWithVoid();
        }
    }

    @ApplicationScoped
    public static class Settlement {
        private static final Logger LOG = Logger.getLogger(Settlement.class);

        @Observed("booking.settle")
        public Uni<String> settle(@TelemetryAttribute("shop.order.id") String id) {
            LOG.infof("settling %s", id);
            return Uni.createFrom().item(id).onItem().delayIt().by(Duration.ofMillis(20))
                    .invoke(() -> LOG.infof("settled %s", id));
        }
    }
}
