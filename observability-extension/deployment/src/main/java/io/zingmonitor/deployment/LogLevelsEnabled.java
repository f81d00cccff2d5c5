package io.zingmonitor.deployment;

import java.util.function.BooleanSupplier;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** Gates a processor on {@code zingmonitor.log-levels.enabled}; used beside {@link ZingMonitorEnabled}. */
public class LogLevelsEnabled implements BooleanSupplier {

    private final ZingMonitorBuildTimeConfig config;

    public LogLevelsEnabled(ZingMonitorBuildTimeConfig config) {
        this.config = config;
    }

    @Override
    public boolean getAsBoolean() {
        return config.logLevels().enabled();
    }
}
