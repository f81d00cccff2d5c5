package io.zingmonitor.deployment.metrics;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.zingmonitor.runtime.telemetry.MeterCatalogue;

/**
 * The selectors and expressions the generated rules and dashboards share, written once; the meter
 * names come from {@link MeterCatalogue}.
 */
public final class PromQl {

    /** Series Prometheus records itself. */
    public static final String UP = "up";
    public static final String ALERTS = "ALERTS";
    /** Recording rules the rule files define and the overview dashboard reads. */
    public static final String ERROR_RATIO = "application:zingmonitor_errors:ratio_rate5m";
    public static final String HTTP_MEAN_LATENCY = "application:" + MeterCatalogue.HTTP_SERVER_REQUESTS.prometheusName()
            + ":mean5m";
    /** Grafana's window for rate(), at least four scrape intervals. */
    public static final String GRAFANA_RATE_INTERVAL = "$__rate_interval";

    private final String application;

    private PromQl(String applicationMatcher) {
        this.application = applicationMatcher;
    }

    /** Expressions over one application's series. */
    public static PromQl of(String application) {
        return new PromQl("application=\"" + application + "\"");
    }

    /** Expressions over the applications a label matcher selects, such as a dashboard variable's. */
    public static PromQl matching(String applicationMatcher) {
        return new PromQl(applicationMatcher);
    }

    public String app() {
        return application;
    }

    /** The application's series, narrowed by more matchers. */
    public String selector(String... matchers) {
        StringBuilder selector = new StringBuilder("{").append(application);
        for (String matcher : matchers) {
            selector.append(',').append(matcher);
        }
        return selector.append('}').toString();
    }

    /**
     * The application's series, narrowed by configured matchers (PromQL syntax, such as
     * {@code outcome=~"failed|abandoned"}) when there are any, and by more of the generator's own.
     */
    public String selector(Optional<String> configured, String... more) {
        return selector(Stream.concat(configured.stream(), Stream.of(more)).toArray(String[]::new));
    }

    /** Requests to the service's own API: framework endpoints under /q/ are not its traffic. */
    public String http(String extra) {
        return "{" + app() + ",uri!~\"/q/.*\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    public String rate(String metric, String selector, String window) {
        return "sum(rate(" + metric + selector + "[" + window + "]))";
    }

    public static String rateOf(String metric, String selector, String window) {
        return "rate(" + metric + selector + "[" + window + "])";
    }

    /** {@code sum by (labels) (expr)}, or another aggregation. */
    public static String by(String aggregation, String labels, String expr) {
        return aggregation + " by (" + labels + ") (" + expr + ")";
    }

    public static String sumBy(String labels, String expr) {
        return by("sum", labels, expr);
    }

    /** A quantile of a histogram's buckets, per the given labels (none: over all series). */
    public static String quantile(String quantile, String labels, String buckets, String selector, String window) {
        return "histogram_quantile(" + quantile + ", " + sumBy(labels.isEmpty() ? "le" : "le, " + labels,
                rateOf(buckets, selector, window)) + ")";
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

    /** In the largest unit that divides it exactly, as rules are written by hand ({@code 0s}, {@code 90s}, {@code 1d}). */
    public static String duration(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
