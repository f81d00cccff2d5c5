package io.zingtickets.payment.gateway;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Start-up values of the simulated card gateway. They only seed {@link LiveGatewaySettings}: the
 * admin endpoint changes the live values without a restart, which is what fault-injection demos need.
 */
@ConfigMapping(prefix = "zingtickets.gateway")
public interface GatewayConfig {

    /** Base latency of one authorization. */
    @WithDefault("50ms")
    @DurationMin(millis = 0)
    @DurationMax(millis = GatewaySettings.MAX_LATENCY_MS)
    Duration latency();

    /** Each authorization takes {@code latency} plus or minus a uniformly random share of this. */
    @WithDefault("20ms")
    @DurationMin(millis = 0)
    @DurationMax(millis = GatewaySettings.MAX_LATENCY_MS)
    Duration latencyJitter();

    /** Share of all authorizations that fail with {@code gateway_error}, from 0 to 1. */
    @WithDefault("0.02")
    @DecimalMin("0")
    @DecimalMax("1")
    double failureRate();

    /**
     * Whether {@code /admin/gateway} answers at all. Off in the {@code prod} profile: a fault knob on a
     * public port is switched on only where faults are wanted (the local stack, a game day). Even when
     * on, only an authenticated operator reaches it.
     */
    @WithDefault("true")
    boolean adminEnabled();
}
