package io.zingmonitor.runtime.ratelimit;

/** One client's allowance: refills continuously at the sustained rate, up to the burst. */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;
    volatile long lastSeen;

    TokenBucket(double ratePerSecond, int burst, long now) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.lastRefill = now;
        this.lastSeen = now;
    }

    /** Takes one token; returns 0 when allowed, else the nanoseconds until one is available. */
    synchronized long tryTake(long now) {
        lastSeen = now;
        tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / ratePerNano);
    }
}
