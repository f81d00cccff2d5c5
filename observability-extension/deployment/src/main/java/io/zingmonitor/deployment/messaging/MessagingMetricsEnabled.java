package io.zingmonitor.deployment.messaging;

import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.deployment.FeatureSwitch;

/** {@code zingmonitor.messaging.enabled}. */
public final class MessagingMetricsEnabled extends FeatureSwitch {

    public MessagingMetricsEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.messaging().enabled());
    }
}
