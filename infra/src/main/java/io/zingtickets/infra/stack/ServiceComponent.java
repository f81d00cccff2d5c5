package io.zingtickets.infra.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zingtickets.infra.ManagedProcess;

/** One ZingTickets service, run from its Quarkus build ({@code target/quarkus-app}) on its local ports. */
record ServiceComponent(String name, int port, int managementPort, String apiPath) implements Component {

    static List<ServiceComponent> all() {
        return List.of(new ServiceComponent("booking-service", 8081, 9081, "/events"),
                new ServiceComponent("payment-service", 8082, 9082, "/admin/gateway"),
                new ServiceComponent("email-service", 8083, 9083, "/q/openapi"));
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        Path jar = layout.root().resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (make build)");
        }
        ManagedProcess process = ManagedProcess.start(name, List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms64m", "-Xmx256m",
                "-Dquarkus.log.file.path=" + layout.run().resolve("logs").resolve(name + ".json.log"),
                "-jar", jar.toString()), layout.data(name), layout.log(name), Map.of());
        awaitReady(process);
        return process;
    }

    private void awaitReady(ManagedProcess process) {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + process.log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not listening yet
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(name + " did not become ready; see " + process.log());
    }

    @Override
    public List<String> urls() {
        return List.of(name + ": http://localhost:" + port + apiPath + "  (OpenAPI UI http://localhost:" + port
                + "/q/swagger-ui; health, metrics, telemetry plan: http://localhost:" + managementPort
                + "/q/health, /q/metrics, /q/zingmonitor)");
    }
}
