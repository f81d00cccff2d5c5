package io.zingmonitor.deployment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * One real Kafka broker (KRaft, one node) for the extension's messaging tests, run from the broker's own
 * jars ({@code zingmonitor.kafka.libs}, the Maven Central artifacts the extension's kafka-broker module
 * copies into the tools folder) as a separate JVM, so nothing of the broker reaches the test class path.
 * Started on first use, stopped when the test JVM exits.
 */
public final class RealKafka {

    /**
     * A system property, because QuarkusUnitTest initializes the test class twice (once per class
     * loader), and both must share one broker.
     */
    private static final String ADDRESS = "kafka-test-broker.bootstrap-servers";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private RealKafka() {
    }

    /** The broker's address, with these topics created (one partition each). */
    public static String withTopics(String... topics) {
        synchronized (System.getProperties()) {
            if (System.getProperty(ADDRESS) == null) {
                System.setProperty(ADDRESS, start());
            }
        }
        String bootstrapServers = System.getProperty(ADDRESS);
        createTopics(bootstrapServers, Arrays.asList(topics));
        return bootstrapServers;
    }

    private static String start() {
        String libs = System.getProperty("zingmonitor.kafka.libs");
        if (libs == null || !Files.isDirectory(Path.of(libs))) {
            throw new IllegalStateException("No Kafka broker jars at zingmonitor.kafka.libs=" + libs
                    + " (the extension's build copies them there: ./mvnw install -pl observability-extension/kafka-broker)");
        }
        try {
            Path dir = Files.createTempDirectory("zingmonitor-kafka");
            int port = freePort();
            int controller = freePort();
            Properties server = new Properties();
            server.putAll(Map.of("process.roles", "broker,controller", "node.id", "1",
                    "controller.quorum.voters", "1@127.0.0.1:" + controller,
                    "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                    "controller.listener.names", "CONTROLLER",
                    "log.dirs", dir.resolve("data").toString(),
                    "offsets.topic.replication.factor", "1",
                    "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                    "group.initial.rebalance.delay.ms", "0"));
            server.put("auto.create.topics.enable", "false");
            Path config = dir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                server.store(out, "ZingMonitor test broker");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = Path.of(libs).toAbsolutePath() + "/*";
            Path log = dir.resolve("kafka.log");
            Process format = new ProcessBuilder(java, "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!format.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("Kafka storage format failed: " + Files.readString(log));
            }
            Process broker = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath, "kafka.Kafka",
                    config.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(broker), "kafka-test-broker-stop"));
            awaitPort(port, broker, log);
            return "127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitPort(int port, Process broker, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("The Kafka broker exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("The Kafka broker did not listen within " + STARTUP + ": " + Files.readString(log));
    }

    private static void stop(Process broker) {
        broker.destroy();
        try {
            if (!broker.waitFor(20, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        } catch (InterruptedException e) {
            broker.destroyForcibly();
        }
    }

    /**
     * Kafka loads its metrics reporters through the context class loader: a test class initialized inside a
     * Quarkus application (after another application's class loader was current) would otherwise mix two
     * copies of the Kafka classes.
     */
    private static void createTopics(String bootstrapServers, List<String> topics) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Admin.class.getClassLoader());
        try {
            createTopicsWithAdmin(bootstrapServers, topics);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void createTopicsWithAdmin(String bootstrapServers, List<String> topics) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 1, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topics " + topics + " on " + bootstrapServers, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
