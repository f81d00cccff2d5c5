package io.zingtickets.infra.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.KafkaBroker;

/**
 * A real Kafka 4 broker (KRaft) for a test run, on free ports, with every topic of the contract
 * created. Provides {@code kafka.bootstrap.servers}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private Path workDir;
    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        workDir = TempDirectories.create("kafka");
        broker = KafkaBroker.start(FreePorts.next(), FreePorts.next(), workDir, workDir.resolve("kafka.log"));
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
        TempDirectories.delete(workDir);
    }
}
