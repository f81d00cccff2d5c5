package io.zingmonitor.deployment.problem;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.deployment.FeatureSwitch;

/** {@code zingmonitor.problem.enabled}. */
public final class ProblemDetailsEnabled extends FeatureSwitch {

    public ProblemDetailsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.problem().enabled());
    }
}
