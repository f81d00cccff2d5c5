package io.zingtickets.payment.gateway;

/**
 * How the simulated gateway behaves right now. Immutable, so a reader always sees one consistent
 * combination even while an operator replaces it.
 */
public record GatewaySettings(long latencyMs, long jitterMs, double failureRate) {

    /** Upper bound for latency and jitter: a minute is already far beyond any real gateway timeout. */
    public static final long MAX_LATENCY_MS = 60_000;

    public GatewaySettings {
        if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
            throw new IllegalArgumentException("latencyMs must be between 0 and " + MAX_LATENCY_MS);
        }
        if (jitterMs < 0 || jitterMs > MAX_LATENCY_MS) {
            throw new IllegalArgumentException("jitterMs must be between 0 and " + MAX_LATENCY_MS);
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1");
        }
    }
}
