package io.zingmonitor.deployment;

import java.util.function.BooleanSupplier;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** Gates every ZingMonitor build step on {@code zingmonitor.enabled}. */
public class ZingMonitorEnabled implements BooleanSupplier {

    private final ZingMonitorBuildTimeConfig config;

    public ZingMonitorEnabled(ZingMonitorBuildTimeConfig config) {
        this.config = config;
    }

    @Override
    public boolean getAsBoolean() {
        return config.enabled();
    }
}
