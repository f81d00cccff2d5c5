package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.request-log.enabled}. */
public final class RequestLogEnabled extends FeatureSwitch {

    public RequestLogEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.requestLog().enabled());
    }
}
