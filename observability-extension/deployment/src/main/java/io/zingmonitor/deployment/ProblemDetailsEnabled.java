package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.problem.enabled}. */
public final class ProblemDetailsEnabled extends FeatureSwitch {

    public ProblemDetailsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.problem().enabled());
    }
}
