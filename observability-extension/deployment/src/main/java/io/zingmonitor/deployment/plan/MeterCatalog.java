package io.zingmonitor.deployment.plan;

import java.util.ArrayList;
import java.util.List;

import io.zingmonitor.runtime.plan.TelemetryPlan.Channel;
import io.zingmonitor.runtime.plan.TelemetryPlan.Endpoint;
import io.zingmonitor.runtime.plan.TelemetryPlan.Meter;
import io.zingmonitor.runtime.plan.TelemetryPlan.Operation;
import io.zingmonitor.runtime.telemetry.MeterNames;
import io.zingmonitor.runtime.tracing.SpanExportMetrics;

/**
 * The meters a service exposes given what it contains, in their Prometheus names: the list the
 * dashboards and rules are generated from, so a panel never queries a meter that cannot exist.
 */
final class MeterCatalog {

    private MeterCatalog() {
    }

    static List<Meter> meters(List<Endpoint> endpoints, List<Channel> channels, List<Operation> operations,
            boolean messageMeters) {
        List<Meter> meters = new ArrayList<>();
        if (!endpoints.isEmpty()) {
            meters.add(new Meter("http_server_requests_seconds", "histogram", "seconds",
                    List.of("method", "uri", "status", "outcome"),
                    "HTTP server requests by route template, with buckets at the SLO thresholds"));
        }
        if (!operations.isEmpty()) {
            meters.add(new Meter(MeterNames.prometheus(MeterNames.OPERATION_DURATION) + "_seconds", "histogram", "seconds",
                    List.of("operation", "outcome"), "Business operations by outcome, from @Observed"));
        }
        if (messageMeters && !channels.isEmpty()) {
            meters.add(new Meter(MeterNames.prometheus(MeterNames.MESSAGES) + "_total", "counter", "messages",
                    List.of("channel", "direction", "outcome"), "Messages per channel of the plan, by outcome (acked or nacked)"));
            meters.add(new Meter(MeterNames.prometheus(MeterNames.MESSAGE_PROCESSING) + "_seconds", "histogram", "seconds",
                    List.of("channel", "direction"), "Time from a message's arrival (or sending) until it is acked or nacked"));
        }
        meters.add(new Meter(MeterNames.prometheus(MeterNames.LOG_EVENTS) + "_total", "counter", "events",
                List.of("level", "logger"), "Log events by level and logger"));
        meters.add(new Meter(MeterNames.prometheus(SpanExportMetrics.SPANS_DROPPED) + "_total", "counter", "spans",
                List.of("reason"), "Spans that never reached the tracing backend: export queue full, or export failed"));
        return List.copyOf(meters);
    }
}
