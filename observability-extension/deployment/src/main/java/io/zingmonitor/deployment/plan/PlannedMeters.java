package io.zingmonitor.deployment.plan;

import java.util.ArrayList;
import java.util.List;

import io.zingmonitor.runtime.plan.TelemetryPlan.Channel;
import io.zingmonitor.runtime.plan.TelemetryPlan.Endpoint;
import io.zingmonitor.runtime.plan.TelemetryPlan.Meter;
import io.zingmonitor.runtime.plan.TelemetryPlan.Operation;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;

/**
 * The catalogue's meters a service exposes given what it contains: the list the dashboards and rules
 * are generated from, so a panel never queries a meter that cannot exist.
 */
final class PlannedMeters {

    private PlannedMeters() {
    }

    static List<Meter> meters(List<Endpoint> endpoints, List<Channel> channels, List<Operation> operations,
            boolean messageMeters) {
        List<Meter> meters = new ArrayList<>();
        if (!endpoints.isEmpty()) {
            meters.add(planned(MeterCatalogue.HTTP_SERVER_REQUESTS));
        }
        if (!operations.isEmpty()) {
            meters.add(planned(MeterCatalogue.OPERATION_DURATION));
        }
        if (messageMeters && !channels.isEmpty()) {
            meters.add(planned(MeterCatalogue.MESSAGES));
            meters.add(planned(MeterCatalogue.MESSAGE_PROCESSING));
        }
        meters.add(planned(MeterCatalogue.LOG_EVENTS));
        meters.add(planned(MeterCatalogue.SPANS_DROPPED));
        return List.copyOf(meters);
    }

    private static Meter planned(MeterCatalogue meter) {
        return new Meter(meter.prometheusName(), meter.kind().prometheusType(), meter.unit(), meter.labels(),
                meter.description());
    }
}
