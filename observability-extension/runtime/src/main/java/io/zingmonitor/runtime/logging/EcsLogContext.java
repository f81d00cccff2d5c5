package io.zingmonitor.runtime.logging;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jboss.logmanager.ExtLogRecord;

import io.zingmonitor.runtime.context.ClientIdentity;
import io.zingmonitor.runtime.http.RequestLog;
import io.zingmonitor.runtime.redaction.SensitiveValueRedactor;

/**
 * The log context (MDC) of one record as it is written: under ECS names and redacted. Quarkus's ECS
 * JSON format renames the record's own fields but writes the MDC as it is, where OpenTelemetry puts
 * the trace context as {@code traceId}/{@code spanId}/{@code parentId}/{@code sampled}; here they become
 * {@code trace.id}/{@code span.id}/{@code parent.id} (Elastic APM's name)/{@code trace.sampled}, so
 * every key of a line is an ECS name. Only
 * the record's copy changes: code reading the thread's MDC still finds {@code traceId}. Values are
 * redacted too, since a context value can be copied from a request.
 */
final class EcsLogContext {

    static final Map<String, String> ECS_NAMES = Map.of(
            "traceId", "trace.id",
            "spanId", "span.id",
            "parentId", "parent.id",
            "sampled", "trace.sampled");

    /**
     * Context that ZingMonitor and OpenTelemetry write from parts that cannot hold a secret (the trace
     * context, the hashed client, the access line's route template and numbers): not scanned, since
     * most lines carry them.
     */
    static final Set<String> SAFE_KEYS = safeKeys();

    private EcsLogContext() {
    }

    private static Set<String> safeKeys() {
        Set<String> keys = new HashSet<>(ECS_NAMES.keySet());
        keys.add(ClientIdentity.MDC_KEY);
        keys.addAll(RequestLog.LINE_CONTEXT_KEYS);
        return Set.copyOf(keys);
    }

    static void apply(ExtLogRecord record, SensitiveValueRedactor redactor) {
        Throwable thrown = record.getThrown();
        if (thrown != null && record.getMdc("error.type") == null) {
            // Quarkus's formatted exception output writes error.stack_trace only; ECS also has these two.
            // The throwable is already the redacted one when redaction is on.
            record.putMdc("error.type", thrown instanceof RedactedThrowable redacted ? redacted.originalType() : thrown.getClass().getName());
            if (thrown.getMessage() != null) {
                record.putMdc("error.message", thrown.getMessage());
            }
        }
        Map<String, String> mdc = record.getMdcCopy();
        if (mdc.isEmpty()) {
            return;
        }
        // getMdcCopy() is already a copy: changing the record's MDC while iterating it is safe.
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            String value = entry.getValue();
            String safe = redactor == null || value == null || SAFE_KEYS.contains(entry.getKey()) ? value
                    : redactor.redact(value);
            String ecsName = ECS_NAMES.get(entry.getKey());
            if (ecsName != null) {
                record.removeMdc(entry.getKey());
                record.putMdc(ecsName, safe);
            } else if (safe != value) {
                record.putMdc(entry.getKey(), safe);
            }
        }
    }
}
