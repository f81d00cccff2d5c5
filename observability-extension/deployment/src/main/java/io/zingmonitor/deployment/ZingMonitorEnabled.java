package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.enabled}: gates every ZingMonitor processor. */
public final class ZingMonitorEnabled extends FeatureSwitch {

    public ZingMonitorEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.enabled());
    }
}
