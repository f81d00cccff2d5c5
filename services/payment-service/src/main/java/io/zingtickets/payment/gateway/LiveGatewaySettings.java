package io.zingtickets.payment.gateway;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway settings in force, seeded from configuration and replaceable at runtime. They live in
 * memory: each replica has its own, and a restart returns to the configured values, which is what
 * a fault-injection switch should do.
 */
// Created at start-up so the gauges below exist before the first payment or admin call.
@Startup
@ApplicationScoped
public class LiveGatewaySettings {

    private final AtomicReference<GatewaySettings> current;

    LiveGatewaySettings(GatewayConfig config, MeterRegistry registry) {
        this.current = new AtomicReference<>(new GatewaySettings(
                config.latency().toMillis(), config.latencyJitter().toMillis(), config.failureRate()));
        // Exported so that a dashboard can show an injected fault next to the symptoms it causes.
        Gauge.builder("zingtickets.gateway.configured.latency", this, s -> s.current().latencyMs() / 1000.0)
                .baseUnit("seconds")
                .description("Base latency the simulated card gateway is set to")
                .register(registry);
        Gauge.builder("zingtickets.gateway.configured.failure.rate", this, s -> s.current().failureRate())
                .description("Share of authorizations the simulated card gateway is set to fail")
                .register(registry);
    }

    public GatewaySettings current() {
        return current.get();
    }

    /** Replaces the settings and returns the ones they replaced. */
    public GatewaySettings replace(GatewaySettings settings) {
        return current.getAndSet(settings);
    }
}
