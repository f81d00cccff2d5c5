package io.zingmonitor.runtime.plan;

import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Carries the telemetry plan, computed at build time, into the running application. */
@Recorder
public class TelemetryPlanRecorder {

    public Handler<RoutingContext> planHandler(String planJson) {
        return new TelemetryPlanHandler(planJson);
    }
}
