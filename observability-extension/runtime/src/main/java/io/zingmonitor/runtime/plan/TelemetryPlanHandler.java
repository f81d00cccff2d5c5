package io.zingmonitor.runtime.plan;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Serves the plan on the management interface; the body is fixed at build time, so it is built once. */
public class TelemetryPlanHandler implements Handler<RoutingContext> {

    private final Buffer body;

    public TelemetryPlanHandler(String planJson) {
        this.body = Buffer.buffer(planJson);
    }

    @Override
    public void handle(RoutingContext context) {
        context.response()
                .putHeader("Content-Type", "application/json")
                .end(body);
    }
}
