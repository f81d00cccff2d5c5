package io.zingmonitor.runtime.compat;

import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The run-time side of ZingMonitor's patches of Quarkus internals. */
@Recorder
public class CompatRecorder {

    public Handler<RoutingContext> openMetricsNegotiation() {
        return new OpenMetricsNegotiation();
    }
}
