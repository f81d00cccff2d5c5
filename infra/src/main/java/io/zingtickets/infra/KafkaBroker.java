package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka 4 broker in KRaft mode (one node, broker and controller), run from the jars in
 * {@code .tools/kafka-<version>/libs} as its own JVM. Storage is formatted once; topics are created
 * explicitly.
 */
public final class KafkaBroker {

    private final int port;
    private final int controllerPort;
    private final Path workDir;
    private final ManagedProcess process;

    private KafkaBroker(int port, int controllerPort, Path workDir, ManagedProcess process) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.workDir = workDir;
        this.process = process;
    }

    public static KafkaBroker start(int port, int controllerPort, Path workDir, Path log) {
        Path libs = Tools.require("kafka-" + Tools.version("kafka") + "/libs");
        Path config = workDir.resolve("server.properties");
        Path data = workDir.resolve("data");
        writeConfig(config, port, controllerPort, data);
        String classpath = libs.toAbsolutePath() + "/*";
        if (!Files.exists(data.resolve("meta.properties"))) {
            ManagedProcess.run("kafka storage format", List.of(java(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString()), workDir, log, Duration.ofSeconds(90));
        }
        ManagedProcess process = ManagedProcess.start("kafka", List.of(java(), "-Xms128m", "-Xmx512m",
                "-XX:+UseSerialGC", "-cp", classpath, "kafka.Kafka", config.toString()), workDir, log, Map.of());
        process.awaitPort(port, Duration.ofSeconds(90));
        KafkaBroker broker = new KafkaBroker(port, controllerPort, workDir, process);
        process.completeStartup(() -> broker.createTopics(Topics.ALL));
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** Creates the topics that do not exist yet; the broker may need a moment after start to accept this. */
    public void createTopics(List<Topics.Topic> topics) {
        createTopics(bootstrapServers(), topics);
    }

    public static void createTopics(String bootstrapServers, List<Topics.Topic> topics) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)).collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot create topics on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    private static void writeConfig(Path config, int port, int controllerPort, Path data) {
        String properties = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                auto.create.topics.enable=false
                group.initial.rebalance.delay.ms=0
                log.retention.hours=24
                """.formatted(port, controllerPort, data.toAbsolutePath());
        try {
            Files.createDirectories(config.getParent());
            Files.writeString(config, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
