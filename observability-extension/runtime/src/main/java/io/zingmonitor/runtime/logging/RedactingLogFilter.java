package io.zingmonitor.runtime.logging;

import java.lang.ref.WeakReference;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.logging.LoggingFilter;
import io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig;
import io.zingmonitor.runtime.http.RequestLog;
import io.zingmonitor.runtime.redaction.SensitiveValueRedactor;

/**
 * The last line of defence: every record reaching a log handler has its message (and its exception
 * messages) scanned and masked, so a card number or token logged by any library never reaches stdout,
 * a file or the log pipeline. Log context (MDC) values are masked too, and renamed to ECS
 * ({@link EcsLogContext}). The access log's own messages are the exception: {@link RequestLog} builds
 * them from parts that cannot hold a secret, and scanning one per request would be its largest cost.
 */
@LoggingFilter(name = RedactingLogFilter.NAME)
@jakarta.inject.Singleton
public class RedactingLogFilter implements Filter {

    public static final String NAME = "zingmonitor-redaction";

    /**
     * The record this thread prepared last. Every handler (console, file) runs this filter on the same
     * record object in turn; the first pass leaves it redacted and renamed, so later passes skip the
     * rescan. Weak, so a logged payload is not kept alive by the thread that logged it.
     */
    private static final ThreadLocal<WeakReference<LogRecord>> LAST_PREPARED = new ThreadLocal<>();

    /** {@code null} when redaction is off (at build time, or for log messages at run time). */
    private final SensitiveValueRedactor redactor;

    /**
     * Created by CDI when logging starts at runtime init, when the runtime configuration is known. The
     * scanner is a bean only when redaction is switched on at build time.
     */
    @Inject
    public RedactingLogFilter(ZingMonitorRuntimeConfig config, Instance<SensitiveValueRedactor> scanner) {
        this.redactor = config.redaction().logMessages() && scanner.isResolvable() ? scanner.get() : null;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!(record instanceof ExtLogRecord ext)) {
            return true;
        }
        WeakReference<LogRecord> last = LAST_PREPARED.get();
        if (last != null && last.get() == ext) {
            return true;
        }
        if (redactor != null && !RequestLog.LOGGER_NAME.equals(ext.getLoggerName())) {
            redact(ext);
        }
        // Both steps are idempotent, so a handler on another thread (async) that passes again is harmless.
        EcsLogContext.apply(ext, redactor);
        LAST_PREPARED.set(new WeakReference<>(ext));
        return true;
    }

    private void redact(ExtLogRecord ext) {
        String formatted = ext.getFormattedMessage();
        String redacted = redactor.redact(formatted);
        if (redacted != ext.getMessage() || ext.getParameters() != null) {
            // Kept formatted even when nothing was masked: each handler would otherwise format the
            // message again from its parameters.
            ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            ext.setParameters(null);
            ext.setResourceBundle(null);
        }
        Throwable thrown = ext.getThrown();
        if (thrown != null) {
            Throwable safe = RedactedThrowable.of(thrown, redactor);
            if (safe != thrown) {
                ext.setThrown(safe);
            }
        }
    }
}
