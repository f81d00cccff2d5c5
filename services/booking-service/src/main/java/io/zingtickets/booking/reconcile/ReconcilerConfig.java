package io.zingtickets.booking.reconcile;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When booking-service stops waiting for a booking's payment outcome and asks payment-service instead. */
@ConfigMapping(prefix = "zingtickets.reconciler")
public interface ReconcilerConfig {

    /** Whether PENDING bookings past their deadline are reconciled. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a booking may stay PENDING before payment-service is asked for its outcome. Longer than
     * admission control's oldest-pending bound (30 s) and than a broker or payment-service restart, so
     * that the reconciler acts only when the pipeline really lost track, not on every slow minute.
     */
    @WithDefault("2m")
    Duration deadline();

    /** How often overdue bookings are looked for. */
    @WithDefault("10s")
    Duration interval();

    /** The most overdue bookings handled per round (oldest first); the rest wait for the next round. */
    @WithDefault("100")
    int batchSize();

    /**
     * payment-service's management port, where its internal reconciliation endpoint is served; in the
     * cluster, the payment-service Service's {@code management} port.
     */
    @WithDefault("http://localhost:9082")
    String paymentServiceUrl();

    /** How long one question to payment-service may take before the booking is left for the next round. */
    @WithDefault("5s")
    Duration requestTimeout();
}
