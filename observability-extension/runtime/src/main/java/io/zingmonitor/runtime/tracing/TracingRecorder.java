package io.zingmonitor.runtime.tracing;

import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

@Recorder
public class TracingRecorder {

    public Handler<RoutingContext> openMetricsNegotiation() {
        return new OpenMetricsNegotiation();
    }
}
