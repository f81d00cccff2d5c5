package io.zingmonitor.deployment;

import java.util.function.BooleanSupplier;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** Gates a processor on {@code zingmonitor.problem.enabled}; used beside {@link ZingMonitorEnabled}. */
public class ProblemDetailsEnabled implements BooleanSupplier {

    private final ZingMonitorBuildTimeConfig config;

    public ProblemDetailsEnabled(ZingMonitorBuildTimeConfig config) {
        this.config = config;
    }

    @Override
    public boolean getAsBoolean() {
        return config.problem().enabled();
    }
}
