package io.zingtickets.infra;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ZingTickets service run from its Quarkus build ({@code target/quarkus-app/quarkus-run.jar}) as its
 * own JVM, with configuration overrides as system properties; ready when its readiness check says so.
 */
public final class ServiceProcess {

    private ServiceProcess() {
    }

    public static ManagedProcess start(Path repositoryRoot, String service, int managementPort, Map<String, String> config,
            Path workDir, Path log) {
        return start(repositoryRoot.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar"),
                service, managementPort, List.of("-Xms64m", "-Xmx256m"), config, workDir, log);
    }

    /**
     * A service from any of its builds (a benchmark also runs one built with ZingMonitor disabled) with the
     * given JVM options; {@code managementPort} is where its readiness check answers.
     */
    public static ManagedProcess start(Path jar, String service, int managementPort, List<String> jvmOptions,
            Map<String, String> config, Path workDir, Path log) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (make build)");
        }
        List<String> command = new ArrayList<>(List.of(KafkaBroker.java()));
        command.addAll(jvmOptions);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ManagedProcess process = ManagedProcess.start(service, command, workDir, log, Map.of());
        process.completeStartup(() -> process.awaitHttpOk(
                URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"), Duration.ofSeconds(120)));
        return process;
    }
}
