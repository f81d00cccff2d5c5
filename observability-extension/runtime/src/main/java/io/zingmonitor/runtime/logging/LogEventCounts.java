package io.zingmonitor.runtime.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zingmonitor.runtime.telemetry.MeterNames;

/**
 * Log events by level and logger, counted from the first log line of start-up on (before any meter
 * registry exists) and exposed as {@code zingmonitor_log_events_total} once one is bound. An error
 * spike then alerts like any other Prometheus rate, without parsing logs.
 */
public final class LogEventCounts {

    static final String OTHER_LOGGER = "other";

    private static volatile LogEventCounts current = new LogEventCounts(200);

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final int maxLoggers;
    private final ThreadLocal<Boolean> registering = ThreadLocal.withInitial(() -> false);
    private volatile MeterRegistry registry;

    LogEventCounts(int maxLoggers) {
        this.maxLoggers = maxLoggers;
    }

    public static LogEventCounts current() {
        return current;
    }

    static void reset(int maxLoggers) {
        current = new LogEventCounts(maxLoggers);
    }

    void count(Level level, String loggerName) {
        if (registering.get()) {
            return; // a meter registration that logs must not recurse into itself
        }
        Key key = new Key(levelName(level), loggerName == null || loggerName.isEmpty() ? "root" : loggerName);
        LongAdder adder = counts.get(key);
        if (adder == null) {
            if (counts.size() >= maxLoggers * 2) {
                key = new Key(key.level(), OTHER_LOGGER);
            }
            adder = counts.computeIfAbsent(key, k -> new LongAdder());
            register(key, adder);
        }
        adder.increment();
    }

    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        counts.forEach(this::register);
    }

    private void register(Key key, LongAdder adder) {
        MeterRegistry target = registry;
        if (target == null) {
            return;
        }
        registering.set(true);
        try {
            FunctionCounter.builder(MeterNames.LOG_EVENTS, adder, LongAdder::sum)
                    .description("Log events by level and logger")
                    .tags("level", key.level(), "logger", key.logger())
                    .register(target);
        } finally {
            registering.set(false);
        }
    }

    /** JBoss/ECS level names; java.util.logging's are mapped by severity. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= 1100) {
            return "FATAL";
        } else if (value >= 1000) {
            return "ERROR";
        } else if (value >= 900) {
            return "WARN";
        } else if (value >= 800) {
            return "INFO";
        } else if (value >= 500) {
            return "DEBUG";
        }
        return "TRACE";
    }

    private record Key(String level, String logger) {
    }
}
