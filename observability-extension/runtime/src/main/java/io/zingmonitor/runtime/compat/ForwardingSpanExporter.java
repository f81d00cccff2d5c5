package io.zingmonitor.runtime.compat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** A span exporter that changes what is exported and hands flushing and shutting down to the one it wraps. */
abstract class ForwardingSpanExporter implements SpanExporter {

    protected final SpanExporter delegate;

    ForwardingSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + delegate + "}";
    }
}
