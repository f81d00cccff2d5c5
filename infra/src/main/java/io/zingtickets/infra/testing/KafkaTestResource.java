package io.zingtickets.infra.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.KafkaBroker;

/**
 * A real Kafka 4 broker (KRaft, one node) for a test run, on free ports, in a temp folder removed on
 * stop, with every topic of docs/contracts.md created before the application starts (the broker never
 * auto-creates topics). Provides {@code kafka.bootstrap.servers}.
 *
 * <pre>{@code
 * @QuarkusTestResource(KafkaTestResource.class)
 * }</pre>
 *
 * A test reads and writes records with {@link KafkaTestClient}, built from the same
 * {@code kafka.bootstrap.servers} ({@code ConfigProvider.getConfig().getValue(...)}).
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

    /** The scratch folder, removed by {@link #stop()}; for this module's own tests. */
    Path workDir() {
        return workDir;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
        TempDirectories.delete(workDir);
    }
}
