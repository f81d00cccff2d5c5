package io.zingmonitor.deployment.http;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.deployment.FeatureSwitch;

/** {@code zingmonitor.request-log.enabled}. */
public final class RequestLogEnabled extends FeatureSwitch {

    public RequestLogEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.requestLog().enabled());
    }
}
