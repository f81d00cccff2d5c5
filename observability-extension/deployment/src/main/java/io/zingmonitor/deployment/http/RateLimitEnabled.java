package io.zingmonitor.deployment.http;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.deployment.FeatureSwitch;

/** {@code zingmonitor.rate-limit.enabled}. */
public final class RateLimitEnabled extends FeatureSwitch {

    public RateLimitEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.rateLimit().enabled());
    }
}
