package io.zingmonitor.runtime.logging;

import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** A root log handler that only counts: it formats and writes nothing. */
public final class LogEventCountingHandler extends Handler {

    private final LogEventCounts counts;

    LogEventCountingHandler(LogEventCounts counts) {
        this.counts = counts;
    }

    @Override
    public void publish(LogRecord record) {
        if (record != null) {
            counts.count(record.getLevel(), record.getLoggerName());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
