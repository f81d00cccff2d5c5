package io.zingmonitor.runtime.context;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which requests of a kind (fast successes, refusals) get the costly part of their telemetry, an access
 * line or an exported trace: the first {@code perSecond} of each second, then a share {@code rateBeyond}
 * of the rest. A quiet service keeps all of them; a busy one a bounded number per second, since each
 * costs far more than the request's metrics, which count every request anyway. The budget is per
 * process.
 */
public final class RequestBudget {

    private static final long SECOND_NANOS = 1_000_000_000L;
    /** The state's low bits count the second's admissions; the high bits say which second it is. */
    private static final int COUNT_BITS = 20;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long SECOND_MASK = -1L >>> COUNT_BITS;

    private final int perSecond;
    private final double rateBeyond;
    /** Second and count in one word, so that starting a new second and counting in it cannot race. */
    private final AtomicLong state = new AtomicLong();

    public RequestBudget(int perSecond, double rateBeyond) {
        this.perSecond = (int) Math.min(Math.max(0, perSecond), COUNT_MASK);
        this.rateBeyond = rateBeyond;
    }

    /**
     * Whether the request finishing at {@code nowNanos} is admitted; any clock in nanoseconds will do
     * ({@link System#nanoTime()}, a span's end time) as long as one budget always gets the same one.
     */
    public boolean admits(long nowNanos) {
        if (rateBeyond >= 1.0) {
            return true;
        }
        if (perSecond > 0) {
            long second = Math.floorDiv(nowNanos, SECOND_NANOS) & SECOND_MASK;
            while (true) {
                long current = state.get();
                if (current >>> COUNT_BITS != second) {
                    if (state.compareAndSet(current, second << COUNT_BITS | 1)) {
                        return true;
                    }
                } else if ((current & COUNT_MASK) >= perSecond) {
                    break; // spent: a flood only reads from here on
                } else if (state.compareAndSet(current, current + 1)) {
                    return true;
                }
            }
        }
        return rateBeyond > 0 && ThreadLocalRandom.current().nextDouble() < rateBeyond;
    }
}
