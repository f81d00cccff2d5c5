package io.zingmonitor.deployment.compat;

import io.zingmonitor.deployment.FeatureSwitch;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.exemplars.enabled}. */
public final class ExemplarsEnabled extends FeatureSwitch {

    public ExemplarsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.exemplars().enabled());
    }
}
