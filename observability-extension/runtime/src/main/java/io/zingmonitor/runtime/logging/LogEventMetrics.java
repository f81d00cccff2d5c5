package io.zingmonitor.runtime.logging;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Binds the log-event counts to the application's meter registry. */
@Singleton
public class LogEventMetrics implements MeterBinder {

    @Inject
    LogEventCounts counts;

    @Override
    public void bindTo(MeterRegistry registry) {
        counts.bindTo(registry);
    }
}
