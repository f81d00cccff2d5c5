package io.zingmonitor.deployment.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Records what one logger emits, with the log context (MDC) as it was at the moment of logging. */
public final class CapturedLog extends Handler {

    public record Line(String level, String message, Map<String, String> mdc) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    public static CapturedLog attachTo(String loggerName) {
        CapturedLog capture = new CapturedLog();
        Logger.getLogger(loggerName).addHandler(capture);
        return capture;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord ext = (ExtLogRecord) record;
        lines.add(new Line(ext.getLevel().toString(), ext.getFormattedMessage(), Map.copyOf(ext.getMdcCopy()
                .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))))));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
