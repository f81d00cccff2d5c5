package io.zingtickets.infra;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local stack's trace viewer: Zipkin's server (the executable jar from Maven Central, fetched into
 * {@code .tools/zipkin-<version>/} by the infra module's build) with its Lens web UI, keeping spans in
 * memory. It reads what Jaeger copies to a Kafka topic ({@link Feed}): Jaeger stays the one OTLP
 * endpoint of the services, and Zipkin is the UI that is not in Jaeger's Go module.
 * <p>
 * Memory is bounded twice: the heap ({@value #HEAP}) and the number of spans kept (the oldest traces go
 * first when {@code maxSpans} is reached).
 */
public final class ZipkinServer {

    /** The topic Zipkin's Kafka collector reads by default. */
    public static final String TOPIC = "zipkin";
    public static final int DEFAULT_MAX_SPANS = 50_000;
    static final String HEAP = "-Xmx256m";
    /** The executable jar, relative to {@link Tools#directory()}. */
    public static final String JAR = "zipkin-" + Tools.version("zipkin") + "/zipkin-server.jar";

    /** Where Jaeger sends a copy of every span and Zipkin reads it from. */
    public record Feed(String bootstrapServers, String topic) {

        public static Feed kafka(String bootstrapServers) {
            return new Feed(bootstrapServers, TOPIC);
        }
    }

    private final int port;
    private final Feed feed;
    private final ManagedProcess process;

    private ZipkinServer(int port, Feed feed, ManagedProcess process) {
        this.port = port;
        this.feed = feed;
        this.process = process;
    }

    public static ZipkinServer start(int port, Feed feed, Path workDir, Path log) {
        return start(port, feed, DEFAULT_MAX_SPANS, workDir, log);
    }

    /**
     * Creates the feed's topic when missing (the broker creates none by itself), then starts Zipkin on
     * 127.0.0.1:{@code port} and returns once its health check, which includes the Kafka collector, says UP.
     */
    public static ZipkinServer start(int port, Feed feed, int maxSpans, Path workDir, Path log) {
        Path jar = Tools.require(JAR);
        KafkaBroker.createTopics(feed.bootstrapServers(), List.of(new Topics.Topic(feed.topic(), 1)));
        // Zipkin is configured through its environment variables (zipkin-server-shared.yml); the listen
        // address only through Armeria's port list, which replaces the default one (0.0.0.0:9411) whole.
        ManagedProcess process = ManagedProcess.start("zipkin", List.of(KafkaBroker.java(), "-Xms32m", HEAP,
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port, "--armeria.ports[0].protocols=http"),
                workDir, log, Map.of(
                        "STORAGE_TYPE", "mem",
                        "MEM_MAX_SPANS", Integer.toString(maxSpans),
                        "KAFKA_BOOTSTRAP_SERVERS", feed.bootstrapServers(),
                        "KAFKA_TOPIC", feed.topic(),
                        "KAFKA_GROUP_ID", "zipkin"));
        process.awaitPort(port, Duration.ofSeconds(90));
        ZipkinServer server = new ZipkinServer(port, feed, process);
        process.completeStartup(() -> process.awaitHttpOk(URI.create(server.baseUrl() + "/health"), Duration.ofSeconds(60)));
        return server;
    }

    /** Whether the build has fetched the jar (the stack skips the viewer, and Jaeger's copy for it, if not). */
    public static boolean installed() {
        return java.nio.file.Files.isRegularFile(Tools.directory().resolve(JAR));
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The Lens UI: search, trace view, dependencies. */
    public String url() {
        return baseUrl() + "/zipkin/";
    }

    /** A trace in the UI. */
    public String traceUrl(String traceId) {
        return url() + "traces/" + traceId;
    }

    /** The query API ({@code /trace/<id>}, {@code /traces?serviceName=...}, {@code /services}). */
    public String apiUrl() {
        return baseUrl() + "/zipkin/api/v2";
    }

    public Feed feed() {
        return feed;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }
}
