package io.zingmonitor.deployment.alerts;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.deployment.FeatureSwitch;

/** {@code zingmonitor.alerts.enabled}. */
public final class AlertsEnabled extends FeatureSwitch {

    public AlertsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.alerts().enabled());
    }
}
