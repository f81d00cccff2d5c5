package io.zingmonitor.deployment.compat;

import io.zingmonitor.deployment.FeatureSwitch;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** {@code zingmonitor.compat.span-export-accounting.enabled}. */
public final class SpanExportAccountingEnabled extends FeatureSwitch {

    public SpanExportAccountingEnabled(ZingMonitorBuildTimeConfig config) {
        super(config.compat().spanExportAccounting().enabled());
    }
}
