package io.zingtickets.payment.gateway;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Waits without holding a thread. A Vert.x timer rather than Mutiny's {@code delayIt()}: the timer
 * fires on the caller's Vert.x context, so the trace context and the event-loop affinity of the
 * message being processed survive the wait.
 */
@ApplicationScoped
public class NonBlockingDelay {

    private final Vertx vertx;

    NonBlockingDelay(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<Void> of(Duration delay) {
        long millis = delay.toMillis();
        if (millis <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(millis, fired -> emitter.complete(null));
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        });
    }
}
