package io.zingmonitor.deployment.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.deployment.support.RealKafka;
import io.zingmonitor.runtime.messaging.ChannelMetricsCollector;

/**
 * {@code zingmonitor.messaging.enabled=false} (build time): messages still flow through a real broker,
 * but no channel meters are recorded or planned, where {@link ChannelMetricsTest} shows them counted.
 */
class ChannelMetricsDisabledTest {

    static final String TOPIC = "zingmonitor.test.parcels";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ParcelDesk.class, RealKafka.class))
            .overrideConfigKey("zingmonitor.messaging.enabled", "false")
            .overrideConfigKey("kafka.bootstrap.servers", RealKafka.withTopics(TOPIC))
            .overrideConfigKey("mp.messaging.outgoing.parcels-out.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.outgoing.parcels-out.topic", TOPIC)
            .overrideConfigKey("mp.messaging.incoming.parcels.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.incoming.parcels.topic", TOPIC)
            .overrideConfigKey("mp.messaging.incoming.parcels.auto.offset.reset", "earliest");

    @Inject
    ParcelDesk desk;

    @Inject
    MeterRegistry registry;

    @Inject
    Instance<ChannelMetricsCollector> collector;

    @Test
    void messagesFlowUncounted() {
        desk.send("a");
        desk.send("b");
        await().atMost(Duration.ofSeconds(30)).until(() -> desk.received().size() == 2);

        assertThat(collector.isUnsatisfied()).isTrue();
        assertThat(registry.find("zingmonitor.messages").meters()).isEmpty();
        assertThat(registry.find("zingmonitor.message.processing").meters()).isEmpty();
        List<String> planned = given().get("/q/zingmonitor").then().statusCode(200).extract().jsonPath()
                .getList("meters.name");
        assertThat(planned).isNotEmpty().noneMatch(name -> name.startsWith("zingmonitor_message"));
        List<String> channels = given().get("/q/zingmonitor").then().extract().jsonPath().getList("channels.name");
        assertThat(channels).contains("parcels", "parcels-out");
    }

    @ApplicationScoped
    public static class ParcelDesk {

        private final List<String> received = new CopyOnWriteArrayList<>();

        @Inject
        @Channel("parcels-out")
        Emitter<String> parcels;

        void send(String parcel) {
            parcels.send(parcel).toCompletableFuture().join();
        }

        /** Through a method: the test holds a client proxy, whose own fields are not the bean's. */
        List<String> received() {
            return received;
        }

        @Incoming("parcels")
        public void receive(String parcel) {
            received.add(parcel);
        }
    }
}
