package io.zingmonitor.deployment.redaction;

import io.zingmonitor.deployment.FeatureSwitch;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/**
 * {@code zingmonitor.redaction.enabled}. Its run-time settings sit beside it under
 * {@code zingmonitor.redaction.*} ({@code log-messages}, {@code mask-emails}), as the request log's and
 * the rate limit's do.
 */
public final class RedactionEnabled extends FeatureSwitch {

    public RedactionEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.redaction().enabled());
    }
}
