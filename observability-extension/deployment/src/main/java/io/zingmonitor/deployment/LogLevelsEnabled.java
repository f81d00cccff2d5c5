package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.log-levels.enabled}. */
public final class LogLevelsEnabled extends FeatureSwitch {

    public LogLevelsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.logLevels().enabled());
    }
}
