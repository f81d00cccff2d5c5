package io.zingmonitor.runtime.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Brings meters registered by libraries (Kafka clients, Netty, the SQL client, JVM binders) to
 * Prometheus's naming conventions, so {@code promtool check metrics} passes on a service's real output:
 * abbreviated units spelled out ({@code buffer.kb} becomes {@code buffer.kilobytes}),
 * gauges named {@code *.count} renamed to a plural (a {@code _count} suffix means a histogram's count to
 * Prometheus), camelCase tag keys in snake_case, and a help text where the library gave none. Values
 * are untouched; meters that already follow the conventions keep their names.
 * <p>
 * A filter can rename but not rescale, so library timings kept in nanoseconds or milliseconds (Kafka
 * clients' io/wait/transaction times, {@code process.cpu.time}) cannot become the base unit, seconds:
 * they are dropped ({@code process_cpu_usage} and the Kafka latency and lag meters remain). So are
 * long-task timers (the HTTP server's and the mailer's connection timers), whose summary exposition,
 * with {@code _active_count} and {@code _duration_sum} samples, promtool rejects;
 * {@code http_server_active_connections} carries the HTTP server's count.
 */
public final class PrometheusNamingMeterFilter implements MeterFilter {

    /** The unit abbreviations Prometheus's linter rejects as name tokens, with their spelled-out form. */
    private static final Map<String, String> UNIT_ABBREVIATIONS = Map.ofEntries(
            Map.entry("s", "seconds"), Map.entry("sec", "seconds"), Map.entry("m", "minutes"),
            Map.entry("h", "hours"), Map.entry("d", "days"), Map.entry("b", "bytes"), Map.entry("kb", "kilobytes"),
            Map.entry("mb", "megabytes"), Map.entry("gb", "gigabytes"), Map.entry("tb", "terabytes"),
            Map.entry("pb", "petabytes"));
    private static final java.util.Set<String> NON_BASE_TIME_UNITS = java.util.Set.of("ns", "us", "ms", "nanoseconds",
            "microseconds", "milliseconds");
    private static final Pattern TOKEN_SEPARATOR = Pattern.compile("[._-]");
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    @Override
    public io.micrometer.core.instrument.config.MeterFilterReply accept(Meter.Id id) {
        if (id.getBaseUnit() != null && NON_BASE_TIME_UNITS.contains(id.getBaseUnit())) {
            return io.micrometer.core.instrument.config.MeterFilterReply.DENY;
        }
        for (String token : TOKEN_SEPARATOR.split(id.getName())) {
            if (NON_BASE_TIME_UNITS.contains(token)) {
                return io.micrometer.core.instrument.config.MeterFilterReply.DENY;
            }
        }
        if (id.getType() == Meter.Type.LONG_TASK_TIMER) {
            return io.micrometer.core.instrument.config.MeterFilterReply.DENY;
        }
        return io.micrometer.core.instrument.config.MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = conventionalName(id.getName(), id.getType());
        List<Tag> tags = snakeCaseKeys(id.getTagsAsIterable());
        String description = id.getDescription() == null || id.getDescription().isBlank()
                ? helpFromName(name)
                : id.getDescription();
        if (name.equals(id.getName()) && tags == null && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, tags == null ? Tags.of(id.getTagsAsIterable()) : Tags.of(tags), id.getBaseUnit(),
                description, id.getType());
    }

    static String conventionalName(String name, Meter.Type type) {
        String[] tokens = TOKEN_SEPARATOR.split(name);
        StringBuilder result = new StringBuilder(name.length() + 16);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            boolean last = i == tokens.length - 1;
            if (last && token.equals("count") && tokens.length > 1 && isPlainValue(type)) {
                // "connection.count" -> "connections": only histograms and summaries may end in _count.
                result.append('s');
                continue;
            }
            if (i > 0) {
                result.append('.');
            }
            result.append(UNIT_ABBREVIATIONS.getOrDefault(token, token));
        }
        return result.toString();
    }

    private static boolean isPlainValue(Meter.Type type) {
        return type == Meter.Type.GAUGE || type == Meter.Type.COUNTER || type == Meter.Type.OTHER;
    }

    /** The tags with snake_case keys, or {@code null} when every key already is. */
    private static List<Tag> snakeCaseKeys(Iterable<Tag> tags) {
        List<Tag> result = new ArrayList<>();
        boolean renamed = false;
        for (Tag tag : tags) {
            String key = CAMEL_HUMP.matcher(tag.getKey()).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
            renamed |= !key.equals(tag.getKey());
            result.add(key.equals(tag.getKey()) ? tag : Tag.of(key, tag.getValue()));
        }
        return renamed ? result : null;
    }

    private static String helpFromName(String name) {
        return name.replace('.', ' ').replace('_', ' ') + " (no description from its source)";
    }
}
