package io.zingmonitor.runtime.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which fast, successful requests get an access line: the first {@code perSecond} of each second, then
 * a share {@code rateBeyond} of the rest. A quiet service logs all of them; a busy one writes a bounded
 * number of lines per second, since each costs far more than the request's metrics, which count every
 * request anyway. The budget is per process and approximate at a second's edge (two threads may both
 * start a new second), which is all a log-volume bound needs.
 */
public final class SuccessLineBudget {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private final double rateBeyond;
    private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger usedThisSecond = new AtomicInteger();

    public SuccessLineBudget(int perSecond, double rateBeyond) {
        this.perSecond = Math.max(0, perSecond);
        this.rateBeyond = rateBeyond;
    }

    /** Whether the success finishing at {@code nowNanos} ({@link System#nanoTime()}) is logged. */
    public boolean admits(long nowNanos) {
        if (rateBeyond >= 1.0) {
            return true;
        }
        if (perSecond > 0) {
            long now = Math.floorDiv(nowNanos, SECOND_NANOS);
            long current = second.get();
            if (now != current && second.compareAndSet(current, now)) {
                usedThisSecond.set(0);
            }
            // The plain read first keeps a flood from contending on the increment once the budget is spent.
            if (usedThisSecond.get() < perSecond && usedThisSecond.incrementAndGet() <= perSecond) {
                return true;
            }
        }
        return rateBeyond > 0 && ThreadLocalRandom.current().nextDouble() < rateBeyond;
    }
}
