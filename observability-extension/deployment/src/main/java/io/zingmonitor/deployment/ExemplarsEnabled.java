package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.exemplars.enabled}. */
public final class ExemplarsEnabled extends FeatureSwitch {

    public ExemplarsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.exemplars().enabled());
    }
}
