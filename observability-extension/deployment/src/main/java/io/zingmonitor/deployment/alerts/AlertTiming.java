package io.zingmonitor.deployment.alerts;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zingmonitor.deployment.metrics.PromQl;

/**
 * The windows and waits of the generated rules, scaled by {@code zingmonitor.alerts.time-scale}. At 1 (production)
 * every rule reads as written; a game day or a test system compresses time with a smaller scale (1/15 turns a
 * 5-minute window into 20 s, an hour into 4 minutes), so that every alert can fire, and resolve, within the
 * drill's minutes while keeping the proportions between its windows, waits and burn rates.
 */
final class AlertTiming {

    private static final Pattern PROMQL_DURATION = Pattern.compile("(\\d+)([smhd])");

    private final double scale;

    AlertTiming(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("zingmonitor.alerts.time-scale=" + scale + " must be a positive number");
        }
        this.scale = scale;
    }

    /** A window or wait written in PromQL form ({@code 5m}, {@code 1d}), scaled, in PromQL form. */
    String of(String written) {
        return PromQl.duration(scaled(parse(written)));
    }

    /** A configured window or wait, scaled, in PromQL form. */
    String of(Duration configured) {
        return PromQl.duration(scaled(configured));
    }

    /** The scaled window in words, for annotations: "5 minutes" in production, "20 seconds" in a drill. */
    String words(String written) {
        // In the unit PromQl.duration chose for the rules, so the words and the expression always agree.
        String scaled = of(written);
        long n = Long.parseLong(scaled.substring(0, scaled.length() - 1));
        String unit = switch (scaled.charAt(scaled.length() - 1)) {
            case 'd' -> "day";
            case 'h' -> "hour";
            case 'm' -> "minute";
            default -> "second";
        };
        return plural(n, unit);
    }

    /** The scaled window as a span after "the previous": "hour" for one, "4 minutes" for more. */
    String span(String written) {
        String words = words(written);
        return words.startsWith("1 ") ? words.substring(2) : words;
    }

    private Duration scaled(Duration duration) {
        if (scale == 1) {
            return duration;
        }
        // Whole seconds: Prometheus evaluates no finer than that in practice, and a window of 0 is an error.
        return Duration.ofSeconds(Math.max(1, Math.round(duration.toMillis() * scale / 1000.0)));
    }

    private static Duration parse(String written) {
        Matcher m = PROMQL_DURATION.matcher(written);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a PromQL duration of one unit: " + written);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
