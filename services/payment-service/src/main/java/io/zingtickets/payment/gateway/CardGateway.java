package io.zingtickets.payment.gateway;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.zingmonitor.Observed;
import io.zingmonitor.TelemetryAttribute;

/**
 * A simulated card gateway: it takes as long and fails as often as {@link LiveGatewaySettings} say,
 * and declines the test card ending in {@value #DECLINED_CARD_LAST4}. It never sees a card number,
 * only the token and last four digits booking-service sends. Each call is a
 * {@code payment.gateway.authorize} operation: its span shows the (injected) latency, its timer counts
 * results by outcome, and a declined card or a gateway error marks the span as failed (status ERROR,
 * {@code error.type}) while the booking request itself succeeded.
 */
@ApplicationScoped
public class CardGateway {

    /** Last four digits of the test card the gateway always declines (contracts.md, "Test cards"). */
    public static final String DECLINED_CARD_LAST4 = "0002";

    private static final AttributeKey<Long> SIMULATED_LATENCY = AttributeKey.longKey("zingtickets.gateway.simulated_latency_ms");

    private final LiveGatewaySettings settings;
    private final NonBlockingDelay delay;

    CardGateway(LiveGatewaySettings settings, NonBlockingDelay delay) {
        this.settings = settings;
        this.delay = delay;
    }

    /**
     * {@code idempotencyKey} lets a real gateway recognise a retried authorization and answer it
     * without charging again; the simulation has nothing to charge.
     */
    @Observed(value = "payment.gateway.authorize", errorOutcomes = { "CARD_DECLINED", "GATEWAY_ERROR" })
    public Uni<AuthorizationResult> authorize(@TelemetryAttribute("zingtickets.booking.id") String idempotencyKey,
            AuthorizationRequest request) {
        // One snapshot per authorization: a change made while it waits applies to the next one.
        GatewaySettings now = settings.current();
        long latencyMs = sampleLatencyMs(now);
        // The operation's span is current here: the injected latency is its duration, and named on it.
        Span.current().setAttribute(SIMULATED_LATENCY, latencyMs);
        return delay.of(Duration.ofMillis(latencyMs)).map(ignored -> decide(request, now));
    }

    private static long sampleLatencyMs(GatewaySettings settings) {
        long jitter = settings.jitterMs() == 0 ? 0
                : ThreadLocalRandom.current().nextLong(-settings.jitterMs(), settings.jitterMs() + 1);
        return Math.max(0, settings.latencyMs() + jitter);
    }

    private static AuthorizationResult decide(AuthorizationRequest request, GatewaySettings settings) {
        // An outage hits every card alike, so it is rolled before the card is looked at.
        if (ThreadLocalRandom.current().nextDouble() < settings.failureRate()) {
            return AuthorizationResult.GATEWAY_ERROR;
        }
        if (DECLINED_CARD_LAST4.equals(request.cardLast4())) {
            return AuthorizationResult.CARD_DECLINED;
        }
        return AuthorizationResult.APPROVED;
    }
}
