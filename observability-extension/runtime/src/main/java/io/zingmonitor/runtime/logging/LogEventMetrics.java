package io.zingmonitor.runtime.logging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Binds the log-event counts to the application's meter registry. */
@jakarta.inject.Singleton
public class LogEventMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        LogEventCounts.current().bindTo(registry);
    }
}
