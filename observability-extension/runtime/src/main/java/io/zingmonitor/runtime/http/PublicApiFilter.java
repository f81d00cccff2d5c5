package io.zingmonitor.runtime.http;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.zingmonitor.runtime.context.ClientIdentity;
import io.zingmonitor.runtime.ratelimit.RateLimiter;

/**
 * ZingMonitor's one route filter on the public port, in order: the client id into the log context
 * (so every line the request causes carries it, and every message it sends: {@code ClientIdPropagation}),
 * the request log (first, so refused requests are logged too), the body-size limit, then the
 * per-client rate limit. One filter rather than one per feature, since every route hop costs each
 * request a little. The request log and the rate limit are beans only when their build-time switches
 * are on. The management interface (health, metrics) has its own router and is never filtered.
 */
@Singleton
public class PublicApiFilter implements Handler<RoutingContext> {

    private final ClientIdentity clients;
    /** {@code null} when switched off at build time. */
    private final RequestLog requestLog;
    private final BodySizeLimit bodySizeLimit;
    /** {@code null} when switched off at build time. */
    private final RateLimiter rateLimiter;

    @Inject
    public PublicApiFilter(ClientIdentity clients, Instance<RequestLog> requestLog, BodySizeLimit bodySizeLimit,
            Instance<RateLimiter> rateLimiter) {
        this.clients = clients;
        this.requestLog = requestLog.isResolvable() ? requestLog.get() : null;
        this.bodySizeLimit = bodySizeLimit;
        this.rateLimiter = rateLimiter.isResolvable() ? rateLimiter.get() : null;
    }

    @Override
    public void handle(RoutingContext context) {
        String clientId = clients.of(context);
        MDC.put(ClientIdentity.MDC_KEY, clientId);
        if (requestLog != null) {
            requestLog.begin(context, clientId);
        }
        if (bodySizeLimit.admits(context) && (rateLimiter == null || rateLimiter.admits(context))) {
            context.next();
        }
    }
}
