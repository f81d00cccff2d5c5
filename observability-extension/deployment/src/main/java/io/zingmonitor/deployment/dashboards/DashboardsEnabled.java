package io.zingmonitor.deployment.dashboards;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.deployment.FeatureSwitch;

/** {@code zingmonitor.dashboards.enabled}. */
public final class DashboardsEnabled extends FeatureSwitch {

    public DashboardsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.dashboards().enabled());
    }
}
