package io.zingmonitor.runtime.tracing;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Corrects the database spans of Quarkus's reactive SQL client instrumentation, which puts the
 * database's name where OpenTelemetry's conventions want the database system ({@code db.system=booking}
 * instead of {@code postgresql}), so a search for {@code db.system=postgresql} finds nothing. The
 * system comes from the default datasource's {@code quarkus.datasource.db-kind}; the name moves to
 * {@code db.namespace}. Spans of other instrumentations, or with a correct system, are left alone.
 */
@Singleton
public class DatabaseSpanAttributes implements SpanProcessor {

    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");

    private final String dbKind;

    DatabaseSpanAttributes(@ConfigProperty(name = "quarkus.datasource.db-kind") Optional<String> dbKind) {
        this.dbKind = dbKind.orElse(null);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        // Database spans are client spans; the kind is a plain field, an attribute read takes the span's lock.
        if (span.getKind() != SpanKind.CLIENT) {
            return;
        }
        String reported = span.getAttribute(DB_SYSTEM);
        if (dbKind == null || reported == null || reported.equals(dbKind)) {
            return;
        }
        span.setAttribute(DB_SYSTEM, dbKind);
        span.setAttribute(DB_SYSTEM_NAME, dbKind);
        if (span.getAttribute(DB_NAMESPACE) == null) {
            span.setAttribute(DB_NAMESPACE, reported);
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
