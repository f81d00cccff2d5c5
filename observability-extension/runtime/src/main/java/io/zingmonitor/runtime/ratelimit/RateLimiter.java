package io.zingmonitor.runtime.ratelimit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig;
import io.zingmonitor.runtime.context.ClientIdentity;
import io.zingmonitor.runtime.problem.ProblemResponses;
import io.zingmonitor.runtime.problem.ProblemTypes;

/**
 * Per-client rate limiting of the public API with abuse logging. The rejection path does a map
 * lookup, a counter increment and writes a pre-built body, so a flood costs little; who floods is
 * logged once per client every {@value #ABUSE_LOG_INTERVAL_SECONDS} s and ranked in a bounded top N.
 */
@Singleton
public class RateLimiter {

    static final Logger ABUSE_LOG = Logger.getLogger("io.zingmonitor.abuse");
    static final long ABUSE_LOG_INTERVAL_SECONDS = 10;

    /** Built once: a flood of rejections must not serialize a problem per request. */
    private final Buffer body;
    private final double ratePerSecond;
    private final int burst;
    private final int maxClients;
    private final int topN;
    private final List<String> excludedPaths;
    private final ClientIdentity clients;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Long> abuseLoggedAt = new ConcurrentHashMap<>();
    private final OffenderRanking ranking;
    private final Counter rejections;
    private final MultiGauge topOffenders;
    private final Vertx vertx;
    private final long rankingTimer;

    @Inject
    public RateLimiter(ZingMonitorRuntimeConfig config, ClientIdentity clients, MeterRegistry registry, Vertx vertx) {
        var limits = config.rateLimit();
        this.body = Buffer.buffer("{\"type\":\"" + ProblemTypes.uri(config.problem().typePrefix(), "too-many-requests") + "\","
                + "\"title\":\"Too Many Requests\",\"status\":429,"
                + "\"detail\":\"This client sent too many requests; retry after the seconds in Retry-After.\"}");
        this.ratePerSecond = limits.requestsPerSecond();
        this.burst = limits.burst();
        this.maxClients = limits.maxTrackedClients();
        this.topN = limits.topOffenders();
        this.excludedPaths = List.copyOf(limits.excludedPaths());
        this.clients = clients;
        this.ranking = new OffenderRanking(maxClients);
        this.rejections = MeterCatalogue.RATE_LIMIT_REJECTIONS.counter().register(registry);
        this.topOffenders = MeterCatalogue.TOP_OFFENDER_REJECTIONS.multiGauge().register(registry);
        this.vertx = vertx;
        this.rankingTimer = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(5), id -> publishRanking());
    }

    /** Whether the request may go on; when not, it has been answered with 429. */
    public boolean admits(RoutingContext context) {
        if (excluded(context.normalizedPath())) {
            return true;
        }
        String client = clients.of(context);
        long now = System.nanoTime();
        TokenBucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                forgetIdleClients(now);
            }
            bucket = buckets.computeIfAbsent(client, c -> new TokenBucket(ratePerSecond, burst, now));
        }
        long waitNanos = bucket.tryTake(now);
        if (waitNanos == 0) {
            return true;
        }
        reject(context, client, now, waitNanos);
        return false;
    }

    private void reject(RoutingContext context, String client, long now, long waitNanos) {
        rejections.increment();
        ranking.record(client);
        Long last = abuseLoggedAt.get(client);
        if (last == null || now - last > TimeUnit.SECONDS.toNanos(ABUSE_LOG_INTERVAL_SECONDS)) {
            abuseLoggedAt.put(client, now);
            ABUSE_LOG.warnf("Client %s exceeded its rate limit (%.1f requests/s, burst %d) on %s %s",
                    client, ratePerSecond, burst, context.request().method().name(), firstSegment(context.normalizedPath()));
        }
        long retryAfterSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        context.response()
                .setStatusCode(429)
                .putHeader("Content-Type", ProblemResponses.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(retryAfterSeconds))
                .end(body);
    }

    /** {@code /bookings/123} is logged as {@code /bookings}: bounded, and free of ids. */
    static String firstSegment(String path) {
        int next = path.indexOf('/', 1);
        String segment = next < 0 ? path : path.substring(0, next);
        return segment.length() > 40 ? segment.substring(0, 40) : segment;
    }

    private boolean excluded(String path) {
        for (String prefix : excludedPaths) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void forgetIdleClients(long now) {
        long idle = TimeUnit.MINUTES.toNanos(1);
        buckets.entrySet().removeIf(e -> now - e.getValue().lastSeen > idle);
        if (buckets.size() >= maxClients) {
            // Everyone is active: forget arbitrary clients rather than grow without bound.
            buckets.keySet().stream().limit(Math.max(1, maxClients / 10)).toList().forEach(buckets::remove);
        }
        abuseLoggedAt.keySet().retainAll(buckets.keySet());
    }

    /** Also run every few seconds; callable directly so tests need not wait. */
    public void publishRankingNow() {
        publishRanking();
    }

    void publishRanking() {
        List<OffenderRanking.Offender> top = ranking.top(topN);
        topOffenders.register(java.util.stream.IntStream.range(0, top.size())
                .mapToObj(i -> MultiGauge.Row.of(Tags.of("client", top.get(i).client(), "rank", Integer.toString(i + 1)),
                        top.get(i).rejections()))
                .toList(), true);
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(rankingTimer);
    }
}
