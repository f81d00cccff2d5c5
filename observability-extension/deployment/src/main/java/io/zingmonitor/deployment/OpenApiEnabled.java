package io.zingmonitor.deployment;

import java.util.function.BooleanSupplier;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** Gates a processor on {@code zingmonitor.openapi.enabled}; used beside {@link ZingMonitorEnabled}. */
public class OpenApiEnabled implements BooleanSupplier {

    private final ZingMonitorBuildTimeConfig config;

    public OpenApiEnabled(ZingMonitorBuildTimeConfig config) {
        this.config = config;
    }

    @Override
    public boolean getAsBoolean() {
        return config.openapi().enabled();
    }
}
