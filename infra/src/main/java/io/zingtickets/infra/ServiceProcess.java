package io.zingtickets.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        process.completeStartup(() -> awaitReady(process, service, managementPort));
        return process;
    }

    private static void awaitReady(ManagedProcess process, String service, int managementPort) {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited during start-up; see " + process.log() + ":\n" + process.tail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ManagedProcess.sleep(300);
        }
        throw new IllegalStateException(service + " did not become ready; see " + process.log() + ":\n" + process.tail());
    }
}
