package io.zingmonitor.deployment.compat;

import io.zingmonitor.deployment.FeatureSwitch;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.compat.openmetrics-accept.enabled}. */
public final class OpenMetricsAcceptEnabled extends FeatureSwitch {

    public OpenMetricsAcceptEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.compat().openmetricsAccept().enabled());
    }
}
