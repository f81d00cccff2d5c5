package io.zingmonitor.runtime.http;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.zingmonitor.runtime.ratelimit.RateLimiter;

/**
 * ZingMonitor's one route filter on the public port, in order: the request log (first, so refused
 * requests are logged too), the body-size limit, then the per-client rate limit. One filter rather
 * than one per feature, since every route hop costs each request a little. The management
 * interface (health, metrics) has its own router and is never filtered.
 */
@Singleton
public class PublicApiFilter implements Handler<RoutingContext> {

    private final RequestLog requestLog;
    private final BodySizeLimit bodySizeLimit;
    private final RateLimiter rateLimiter;

    @Inject
    public PublicApiFilter(RequestLog requestLog, BodySizeLimit bodySizeLimit, RateLimiter rateLimiter) {
        this.requestLog = requestLog;
        this.bodySizeLimit = bodySizeLimit;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void handle(RoutingContext context) {
        requestLog.begin(context);
        if (bodySizeLimit.admits(context) && rateLimiter.admits(context)) {
            context.next();
        }
    }
}
