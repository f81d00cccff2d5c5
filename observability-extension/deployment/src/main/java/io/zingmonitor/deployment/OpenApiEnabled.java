package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.openapi.enabled}. */
public final class OpenApiEnabled extends FeatureSwitch {

    public OpenApiEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.openapi().enabled());
    }
}
