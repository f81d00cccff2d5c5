package io.zingmonitor.deployment.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Blocking;
import io.zingmonitor.deployment.support.RealKafka;

/**
 * Every message of a planned channel is counted by channel, direction and outcome (acked = success,
 * nacked = failure) and timed until acknowledged, through a real Kafka broker, also when the channel is
 * consumed by several concurrent consumers.
 */
class ChannelMetricsTest {

    static final String TOPIC = "zingmonitor.test.orders";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OrderDesk.class, RealKafka.class))
            .overrideConfigKey("kafka.bootstrap.servers", RealKafka.withTopics(TOPIC))
            .overrideConfigKey("mp.messaging.outgoing.orders-out.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.outgoing.orders-out.topic", TOPIC)
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.incoming.orders.topic", TOPIC)
            .overrideConfigKey("mp.messaging.incoming.orders.auto.offset.reset", "earliest")
            .overrideConfigKey("mp.messaging.incoming.orders.failure-strategy", "ignore")
            // Two consumers, wired by SmallRye as channels orders$1 and orders$2: still one channel of the plan.
            .overrideConfigKey("mp.messaging.incoming.orders.concurrency", "2");

    @Inject
    OrderDesk desk;

    @Inject
    MeterRegistry registry;

    @Test
    void messagesAreCountedPerChannelDirectionAndOutcomeAndTimedUntilAcked() {
        for (String order : new String[] { "a", "b", "unreadable", "c" }) {
            desk.send(order);
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("orders", "incoming", "success") == 3 && count("orders", "incoming", "failure") == 1);
        assertThat(count("orders-out", "outgoing", "success")).isEqualTo(4);
        assertThat(count("orders-out", "outgoing", "failure")).isZero();
        Timer processing = registry.get("zingmonitor.message.processing").tags("channel", "orders", "direction", "incoming")
                .timer();
        assertThat(processing.count()).isEqualTo(4);
        assertThat(processing.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(4 * OrderDesk.WORK_MILLIS);
        // Bounded: only the plan's channels appear as tags.
        assertThat(registry.find("zingmonitor.messages").counters())
                .extracting(c -> c.getId().getTag("channel")).containsOnly("orders", "orders-out");
    }

    private double count(String channel, String direction, String outcome) {
        Counter counter = registry.find("zingmonitor.messages")
                .tags("channel", channel, "direction", direction, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @ApplicationScoped
    public static class OrderDesk {
        static final long WORK_MILLIS = 20;

        @Inject
        @Channel("orders-out")
        Emitter<String> orders;

        void send(String order) {
            orders.send(order).toCompletableFuture().join();
        }

        @Incoming("orders")
        @Blocking
        public void process(String order) throws InterruptedException {
            Thread.sleep(WORK_MILLIS);
            if (order.equals("unreadable")) {
                throw new IllegalArgumentException("cannot read " + order);
            }
        }
    }
}
