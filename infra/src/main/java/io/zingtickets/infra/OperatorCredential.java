package io.zingtickets.infra;

import java.util.Map;

/**
 * The one operator account of the local stack and the tests: it may change log levels
 * ({@code PUT /q/zingmonitor/log-levels} on every service's management port) and the simulated gateway
 * ({@code PUT /admin/gateway} on payment-service), both HTTP basic authentication. The services'
 * {@code %dev}/{@code %test} profiles carry the same values; the local stack hands them to the services it
 * starts. A real deployment supplies its own password
 * ({@code quarkus.security.users.embedded.users.operator}); without one nobody can authenticate.
 */
public final class OperatorCredential {

    public static final String USER = "operator";
    public static final String PASSWORD = "local-operator-password";
    /** The role the HTTP permissions of the admin surfaces require. */
    public static final String ROLE = "operator";

    /**
     * What a service started by the local stack or a system test is given: this account, and the gateway's
     * fault knob switched on (the services run in the {@code prod} profile, which keeps it off).
     */
    public static Map<String, String> serviceConfig() {
        return Map.of("quarkus.security.users.embedded.users." + USER, PASSWORD,
                "zingtickets.gateway.admin-enabled", "true");
    }

    private OperatorCredential() {
    }
}
