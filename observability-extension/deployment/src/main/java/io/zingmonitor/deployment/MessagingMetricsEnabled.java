package io.zingmonitor.deployment;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.messaging.enabled}. */
public final class MessagingMetricsEnabled extends FeatureSwitch {

    public MessagingMetricsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.messaging().enabled());
    }
}
