package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.rate-limit.enabled}. */
public final class RateLimitEnabled extends FeatureSwitch {

    public RateLimitEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.rateLimit().enabled());
    }
}
