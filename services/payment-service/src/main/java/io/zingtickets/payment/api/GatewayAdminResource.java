package io.zingtickets.payment.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;
import io.zingmonitor.ProblemDetail;
import io.zingtickets.payment.gateway.GatewayConfig;
import io.zingtickets.payment.gateway.GatewaySettings;
import io.zingtickets.payment.gateway.LiveGatewaySettings;

/**
 * Fault injection for the simulated card gateway: slow it down or make it fail to exercise alerts,
 * dashboards and the booking flow's failure path. Changes apply to this replica only and last until
 * it restarts. Only for operators: an HTTP permission in application.properties lets only the
 * {@code operator} role through (401 otherwise), and {@code zingtickets.gateway.admin-enabled} (off in
 * {@code prod}) removes the endpoint altogether (404).
 */
@Path("/admin/gateway")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Gateway fault injection", description = "Latency and failure rate of the simulated card gateway")
public class GatewayAdminResource {

    private static final Logger LOG = Logger.getLogger(GatewayAdminResource.class);
    private static final String PROBLEM_JSON = "application/problem+json";

    private final LiveGatewaySettings settings;
    private final boolean enabled;
    private final SecurityIdentity caller;

    GatewayAdminResource(LiveGatewaySettings settings, GatewayConfig config, SecurityIdentity caller) {
        this.settings = settings;
        this.enabled = config.adminEnabled();
        this.caller = caller;
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new NotFoundException("Gateway fault injection is switched off (zingtickets.gateway.admin-enabled=false).");
        }
    }

    @GET
    @Operation(summary = "Current gateway behaviour")
    @APIResponse(responseCode = "200", description = "The settings in force on this replica",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GatewaySettingsPayload.class)))
    public GatewaySettingsPayload current() {
        requireEnabled();
        return GatewaySettingsPayload.from(settings.current());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the gateway behaviour",
            description = "Applies to authorizations that start after the call, on this replica, until it restarts.")
    @APIResponse(responseCode = "200", description = "The settings now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GatewaySettingsPayload.class)))
    @APIResponse(responseCode = "400",
            description = "A field is missing or out of range, or the body is not well-formed JSON; "
                    + "'field' names the offending field",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    public GatewaySettingsPayload replace(@Valid @NotNull GatewaySettingsPayload body) {
        requireEnabled();
        GatewaySettings replacement = body.toSettings();
        GatewaySettings previous = settings.replace(replacement);
        // Logged loudly: an injected fault should never be mistaken for a real outage.
        LOG.warnf("Gateway settings changed from %s to %s by %s", previous, replacement, caller.getPrincipal().getName());
        return GatewaySettingsPayload.from(replacement);
    }
}
