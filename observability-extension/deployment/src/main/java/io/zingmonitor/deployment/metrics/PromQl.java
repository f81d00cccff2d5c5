package io.zingmonitor.deployment.metrics;

import java.util.List;
import java.util.stream.Collectors;

/** The selectors and expressions the generated rules and dashboards share, written once. */
public final class PromQl {

    public static final String HTTP_REQUESTS = "http_server_requests_seconds";
    public static final String OPERATIONS = "zingmonitor_operation_duration_seconds";
    public static final String LOG_EVENTS = "zingmonitor_log_events_total";
    public static final String SPANS_DROPPED = io.zingmonitor.runtime.telemetry.MeterNames.prometheus(
            io.zingmonitor.runtime.tracing.SpanExportMetrics.SPANS_DROPPED) + "_total";
    public static final String CONSUMER_LAG = "kafka_consumer_fetch_manager_records_lag_max";

    private final String application;

    public PromQl(String application) {
        this.application = application;
    }

    public String app() {
        return "application=\"" + application + "\"";
    }

    /** Requests to the service's own API: framework endpoints under /q/ are not its traffic. */
    public String http(String extra) {
        return "{" + app() + ",uri!~\"/q/.*\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    public String rate(String metric, String selector, String window) {
        return "sum(rate(" + metric + selector + "[" + window + "]))";
    }

    public static String regexOf(List<String> values) {
        return values.stream().map(v -> v.replaceAll("([\\\\.|()\\[\\]{}*+?^$])", "\\\\$1"))
                .collect(Collectors.joining("|"));
    }

    /** Prometheus's own rendering of a number, so thresholds read naturally in the rule file. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        // 12 significant digits: a budget computed as 1 - 0.99 reads 0.01, not 0.010000000000000009.
        return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(12)).stripTrailingZeros()
                .toPlainString();
    }

    /** Micrometer's Prometheus exposition renders bucket bounds as Java doubles: 0.5, 1.0. */
    public static String le(double seconds) {
        return Double.toString(seconds);
    }

    public static String duration(java.time.Duration duration) {
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
