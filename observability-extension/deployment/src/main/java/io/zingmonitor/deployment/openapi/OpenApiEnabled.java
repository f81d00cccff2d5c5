package io.zingmonitor.deployment.openapi;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.deployment.FeatureSwitch;

/** {@code zingmonitor.openapi.enabled}. */
public final class OpenApiEnabled extends FeatureSwitch {

    public OpenApiEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.openapi().enabled());
    }
}
