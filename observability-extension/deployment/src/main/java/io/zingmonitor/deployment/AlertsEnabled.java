package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.alerts.enabled}. */
public final class AlertsEnabled extends FeatureSwitch {

    public AlertsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.alerts().enabled());
    }
}
