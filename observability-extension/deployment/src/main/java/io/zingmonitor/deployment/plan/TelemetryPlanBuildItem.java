package io.zingmonitor.deployment.plan;

import io.quarkus.builder.item.SimpleBuildItem;
import io.zingmonitor.runtime.plan.TelemetryPlan;

/** The service's telemetry plan: what every other ZingMonitor build step derives its work from. */
public final class TelemetryPlanBuildItem extends SimpleBuildItem {

    private final TelemetryPlan plan;
    private final String json;

    public TelemetryPlanBuildItem(TelemetryPlan plan, String json) {
        this.plan = plan;
        this.json = json;
    }

    public TelemetryPlan getPlan() {
        return plan;
    }

    /** The plan as stable, pretty-printed JSON: the build artifact and the management endpoint's body. */
    public String getJson() {
        return json;
    }
}
