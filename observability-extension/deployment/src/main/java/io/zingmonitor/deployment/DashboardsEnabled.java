package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.dashboards.enabled}. */
public final class DashboardsEnabled extends FeatureSwitch {

    public DashboardsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.dashboards().enabled());
    }
}
