package io.zingmonitor.deployment.alerts;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The selectors and expressions the generated rules share, written once. */
final class PromQl {

    static final String HTTP_REQUESTS = "http_server_requests_seconds";
    static final String OPERATIONS = "zingmonitor_operation_duration_seconds";
    static final String LOG_EVENTS = "zingmonitor_log_events_total";
    static final String SPANS_DROPPED = io.zingmonitor.runtime.telemetry.MeterNames.prometheus(
            io.zingmonitor.runtime.tracing.SpanExportMetrics.SPANS_DROPPED) + "_total";
    static final String CONSUMER_LAG = "kafka_consumer_fetch_manager_records_lag_max";

    private final String application;

    PromQl(String application) {
        this.application = application;
    }

    String app() {
        return "application=\"" + application + "\"";
    }

    /** Requests to the service's own API: framework endpoints under /q/ are not its traffic. */
    String http(String extra) {
        return "{" + app() + ",uri!~\"/q/.*\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    String rate(String metric, String selector, String window) {
        return "sum(rate(" + metric + selector + "[" + window + "]))";
    }

    static String regexOf(List<String> values) {
        return values.stream().map(v -> v.replaceAll("([\\\\.|()\\[\\]{}*+?^$])", "\\\\$1"))
                .collect(Collectors.joining("|"));
    }

    /** Prometheus's own rendering of a number, so thresholds read naturally in the rule file. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", Double.toString(value));
    }

    /** Micrometer's Prometheus exposition renders bucket bounds as Java doubles: 0.5, 1.0. */
    static String le(double seconds) {
        return Double.toString(seconds);
    }

    static String duration(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
