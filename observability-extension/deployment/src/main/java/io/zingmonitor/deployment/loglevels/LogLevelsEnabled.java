package io.zingmonitor.deployment.loglevels;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.deployment.FeatureSwitch;

/** {@code zingmonitor.log-levels.enabled}. */
public final class LogLevelsEnabled extends FeatureSwitch {

    public LogLevelsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.logLevels().enabled());
    }
}
