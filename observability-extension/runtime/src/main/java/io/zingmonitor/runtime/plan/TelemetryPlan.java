package io.zingmonitor.runtime.plan;

import java.util.List;

/**
 * Everything one service emits, derived at build time from its code and configuration: the single
 * source that the runtime instrumentation, the dashboards and the alert rules are derived from.
 */
public record TelemetryPlan(
        String service,
        String version,
        List<Endpoint> endpoints,
        List<Channel> channels,
        List<Operation> operations,
        List<SensitiveField> sensitiveFields,
        List<Meter> meters) {

    /** Whether the service exposes the meter of this Prometheus name, so a panel or rule may query it. */
    public boolean hasMeter(String prometheusName) {
        return meters.stream().anyMatch(m -> m.name().equals(prometheusName));
    }

    /** A REST endpoint by method and route template (the only form the path takes in telemetry). */
    public record Endpoint(String method, String route, String handler) {
    }

    /**
     * A reactive-messaging channel. {@code direction} is {@code incoming} or {@code outgoing};
     * {@code topic} is the Kafka topic when the connector is Kafka.
     */
    public record Channel(String name, String direction, String connector, String topic, String handler) {
    }

    /** An {@link io.zingmonitor.Observed} business operation and the attributes it records. */
    public record Operation(String name, String handler, List<String> attributes) {
    }

    /** A field that is masked wherever it would be logged or attached to a span. */
    public record SensitiveField(String type, String field, String reason) {
    }

    /** A meter this service exposes, with its bounded tags. */
    public record Meter(String name, String type, String unit, List<String> tags, String description) {
    }
}
