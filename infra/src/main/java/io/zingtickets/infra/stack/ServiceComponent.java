package io.zingtickets.infra.stack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zingtickets.infra.ManagedProcess;
import io.zingtickets.infra.OperatorCredential;
import io.zingtickets.infra.ServiceProcess;

/** One ZingTickets service, run from its Quarkus build ({@code target/quarkus-app}) on its local ports. */
public record ServiceComponent(String name, int port, int managementPort, String apiPath, String apiNote) implements Component {

    // A URL printed here opens in a browser: the OpenAPI document lives on the management port, and the
    // gateway knob asks for the operator account.
    public static List<ServiceComponent> all() {
        return List.of(new ServiceComponent("booking-service", 8081, 9081, "/events", ""),
                new ServiceComponent("payment-service", 8082, 9082, "/admin/gateway",
                        " (user " + OperatorCredential.USER + ", password " + OperatorCredential.PASSWORD + ")"),
                new ServiceComponent("email-service", 8083, 9083, "/emails/", "<booking id>"));
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        Map<String, String> config = new HashMap<>(OperatorCredential.serviceConfig());
        // The log file is off by default (production logs to stdout); the local log shipper tails it.
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", layout.run().resolve("logs").resolve(name + ".json.log").toString());
        return ServiceProcess.start(layout.root(), name, managementPort, config,
                layout.data(name), layout.log(name));
    }

    @Override
    public List<String> urls() {
        return List.of(name + ": http://localhost:" + port + apiPath + apiNote + "  (OpenAPI UI, health, metrics, telemetry plan: "
                + "http://localhost:" + managementPort + "/q/swagger-ui, /q/health, /q/metrics, /q/zingmonitor)");
    }
}
