package io.zingmonitor.deployment.support;

import java.util.Arrays;

import io.zingtickets.infra.KafkaBroker;
import io.zingtickets.infra.Topics;
import io.zingtickets.infra.testing.KafkaTestResource;

/**
 * One real Kafka 4 broker (KRaft) for the extension's messaging tests, started by the infra module's
 * launcher on first use and stopped when the test JVM exits.
 */
public final class RealKafka {

    /**
     * A system property, because QuarkusUnitTest initializes the test class twice (once per class
     * loader), and both must share one broker.
     */
    private static final String ADDRESS = "kafka-test-broker.bootstrap-servers";

    private RealKafka() {
    }

    /** The broker's address, with these topics created (one partition each). */
    public static String withTopics(String... topics) {
        synchronized (System.getProperties()) {
            if (System.getProperty(ADDRESS) == null) {
                KafkaTestResource broker = new KafkaTestResource();
                System.setProperty(ADDRESS, broker.start().get("kafka.bootstrap.servers"));
                Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-test-broker-stop"));
            }
        }
        String bootstrapServers = System.getProperty(ADDRESS);
        KafkaBroker.createTopics(bootstrapServers, Arrays.stream(topics).map(name -> new Topics.Topic(name, 1)).toList());
        return bootstrapServers;
    }
}
