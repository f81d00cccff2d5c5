package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Alertmanager (0.31.1 with its web UI, built by {@code make tools}) with the repository's configuration, its SMTP server and
 * chat webhook pointed at the given local ones, and notifications sped up for tests.
 */
public final class AlertmanagerServer {

    public static final String BINARY = "bin/alertmanager";
    public static final String AMTOOL = "bin/amtool";

    private final int port;
    private final ManagedProcess process;

    private AlertmanagerServer(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    public static AlertmanagerServer start(int port, Path repositoryConfig, int smtpPort, int webhookPort, Path workDir, Path log) {
        Path binary = Tools.require(BINARY);
        Path config = workDir.resolve("alertmanager.yml");
        try {
            Files.createDirectories(workDir);
            String text = Files.readString(repositoryConfig)
                    .replace("127.0.0.1:3025", "127.0.0.1:" + smtpPort)
                    .replace("http://127.0.0.1:9095", "http://127.0.0.1:" + webhookPort)
                    .replace("group_wait: 10s", "group_wait: 1s")
                    .replace("templates/*.tmpl", repositoryConfig.getParent().resolve("templates").toAbsolutePath() + "/*.tmpl");
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start("alertmanager", List.of(binary.toString(), "--config.file=" + config,
                "--storage.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="), workDir, log, Map.of());
        process.awaitPort(port, Duration.ofSeconds(60));
        return new AlertmanagerServer(port, process);
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public String url() {
        return "http://" + address();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }
}
