package io.zingmonitor.runtime.logging;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;

import io.micrometer.core.instrument.MeterRegistry;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;

/**
 * Log events by level and logger, counted from the first log line of start-up on (before any meter
 * registry exists) and exposed as {@code zingmonitor_log_events_total} once one is bound. An error
 * spike then alerts like any other Prometheus rate, without parsing logs. One instance, created at
 * runtime init with the log handler that counts into it, and a synthetic bean for the meter binder.
 */
public final class LogEventCounts {

    static final String OTHER_LOGGER = "other";
    private static final String[] LEVELS = { "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL" };

    /**
     * Per level (the index into {@link #LEVELS}), the count of each logger. Keyed by the logger's name
     * alone, so counting a line allocates nothing: it runs for every line the service writes.
     */
    @SuppressWarnings("unchecked")
    private final Map<String, LongAdder>[] counts = new Map[LEVELS.length];
    /** The loggers counted under their own name, at most {@code maxLoggers}: the rest count as "other". */
    private final Set<String> namedLoggers = ConcurrentHashMap.newKeySet();
    private final int maxLoggers;
    private final ThreadLocal<Boolean> registering = ThreadLocal.withInitial(() -> false);
    private volatile MeterRegistry registry;

    LogEventCounts(int maxLoggers) {
        this.maxLoggers = maxLoggers;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new ConcurrentHashMap<>();
        }
    }

    void count(Level level, String loggerName) {
        int levelIndex = levelIndex(level);
        String logger = loggerName == null || loggerName.isEmpty() ? "root" : loggerName;
        LongAdder adder = counts[levelIndex].get(logger);
        if (adder == null) {
            if (registering.get()) {
                return; // a meter registration that logs must not recurse into itself
            }
            adder = newCount(levelIndex, logger);
        }
        adder.increment();
    }

    private LongAdder newCount(int levelIndex, String logger) {
        Map<String, LongAdder> loggers = counts[levelIndex];
        // Not atomic with the add: two threads may each take the last place, a bound of a few more.
        boolean named = namedLoggers.contains(logger) || namedLoggers.size() < maxLoggers && namedLoggers.add(logger);
        String counted = named ? logger : OTHER_LOGGER;
        LongAdder adder = loggers.get(counted);
        if (adder == null) {
            adder = loggers.computeIfAbsent(counted, k -> new LongAdder());
            register(LEVELS[levelIndex], counted, adder);
        }
        return adder;
    }

    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        for (int i = 0; i < counts.length; i++) {
            String level = LEVELS[i];
            counts[i].forEach((logger, adder) -> register(level, logger, adder));
        }
    }

    private void register(String level, String logger, LongAdder adder) {
        MeterRegistry target = registry;
        if (target == null) {
            return;
        }
        registering.set(true);
        try {
            MeterCatalogue.LOG_EVENTS.functionCounter(adder, LongAdder::sum)
                    .tags("level", level, "logger", logger)
                    .register(target);
        } finally {
            registering.set(false);
        }
    }

    /** The index of the JBoss/ECS level name; java.util.logging's levels are mapped by severity. */
    private static int levelIndex(Level level) {
        int value = level.intValue();
        if (value >= 1100) {
            return 5; // FATAL
        } else if (value >= 1000) {
            return 4; // ERROR
        } else if (value >= 900) {
            return 3; // WARN
        } else if (value >= 800) {
            return 2; // INFO
        } else if (value >= 500) {
            return 1; // DEBUG
        }
        return 0; // TRACE
    }
}
