package io.zingtickets.payment.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zingtickets.payment.gateway.GatewaySettings;

/** The simulated gateway's behaviour as the admin API reads and writes it. All fields are required. */
@Schema(name = "GatewaySettings", description = "Latency and failure injection of the simulated card gateway")
public record GatewaySettingsPayload(
        @Schema(description = "Base latency of one authorization, in milliseconds", examples = "50",
                minimum = "0", maximum = "60000", required = true)
        @NotNull @Min(0) @Max(GatewaySettings.MAX_LATENCY_MS) Long latencyMs,

        @Schema(description = "Each authorization takes latencyMs plus or minus a random share of this, "
                + "in milliseconds", examples = "20", minimum = "0", maximum = "60000", required = true)
        @NotNull @Min(0) @Max(GatewaySettings.MAX_LATENCY_MS) Long jitterMs,

        @Schema(description = "Share of all authorizations that fail with gateway_error", examples = "0.02",
                minimum = "0", maximum = "1", required = true)
        @NotNull @DecimalMin("0") @DecimalMax("1") Double failureRate) {

    static GatewaySettingsPayload from(GatewaySettings settings) {
        return new GatewaySettingsPayload(settings.latencyMs(), settings.jitterMs(), settings.failureRate());
    }

    GatewaySettings toSettings() {
        return new GatewaySettings(latencyMs, jitterMs, failureRate);
    }
}
