package io.zingmonitor.runtime.telemetry;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Timer;

/**
 * Every meter the generated dashboards and rules query, written once: ZingMonitor's own meters,
 * which the runtime registers through the builders below, and the Quarkus meters (HTTP server,
 * JVM, process, Kafka client) the generators read beside them. The Prometheus name is derived the
 * way Micrometer's Prometheus registry derives it: dots become underscores, the base unit is
 * appended unless the name ends with it, counters end in {@code _total}.
 */
public enum MeterCatalogue {

    // ZingMonitor's own meters.
    OPERATION_DURATION(Source.ZINGMONITOR, "zingmonitor.operation.duration", Kind.TIMER, "seconds", "seconds",
            List.of("operation", "outcome"), "Business operations observed with @Observed, by outcome"),
    MESSAGES(Source.ZINGMONITOR, "zingmonitor.messages", Kind.COUNTER, null, "messages",
            List.of("channel", "direction", "outcome"),
            "Messages per channel and direction, by outcome (success when acked, failure when nacked)"),
    MESSAGE_PROCESSING(Source.ZINGMONITOR, "zingmonitor.message.processing", Kind.TIMER, "seconds", "seconds",
            List.of("channel", "direction"),
            "Time from a message's arrival (or sending) until it is acknowledged or rejected"),
    LOG_EVENTS(Source.ZINGMONITOR, "zingmonitor.log.events", Kind.COUNTER, null, "events", List.of("level", "logger"),
            "Log events by level and logger"),
    SPANS_DROPPED(Source.ZINGMONITOR, "zingmonitor.spans.dropped", Kind.COUNTER, null, "spans", List.of("reason"),
            "Spans never exported: dropped from the full export queue (queue_full) or in a failed export (export_failed)"),
    SPANS_QUEUED(Source.ZINGMONITOR, "zingmonitor.spans.queued", Kind.GAUGE, null, "spans", List.of(),
            "Spans waiting in the bounded export queue"),
    RATE_LIMIT_REJECTIONS(Source.ZINGMONITOR, "zingmonitor.rate.limit.rejections", Kind.COUNTER, null, "requests",
            List.of(), "Requests rejected by the per-client rate limit"),
    TOP_OFFENDER_REJECTIONS(Source.ZINGMONITOR, "zingmonitor.abuse.top.offender.rejections", Kind.GAUGE, null,
            "rejections", List.of("rank", "client"),
            "Rejections of the most-rejected clients (client ids are hashes), top N by rank"),
    CARDINALITY_OVERFLOW(Source.ZINGMONITOR, "zingmonitor.cardinality.overflow", Kind.COUNTER, null, "values",
            List.of("meter", "tag"),
            "Tag values replaced by OTHER because a meter's tag exceeded its distinct-value cap"),

    // Quarkus's meters that the generated dashboards and rules read.
    HTTP_SERVER_REQUESTS(Source.QUARKUS, "http.server.requests", Kind.TIMER, "seconds", "seconds",
            List.of("method", "uri", "status", "outcome"),
            "HTTP server requests by route template, with buckets at the SLO thresholds"),
    KAFKA_CONSUMER_LAG(Source.QUARKUS, "kafka.consumer.fetch.manager.records.lag.max", Kind.GAUGE, null, "records",
            List.of("client.id"), "Records the Kafka consumer is behind, at most over its partitions"),
    PROCESS_CPU_USAGE(Source.QUARKUS, "process.cpu.usage", Kind.GAUGE, null, "share", List.of(),
            "CPU share used by the process"),
    SYSTEM_CPU_USAGE(Source.QUARKUS, "system.cpu.usage", Kind.GAUGE, null, "share", List.of(),
            "CPU share used by the whole machine"),
    JVM_MEMORY_USED(Source.QUARKUS, "jvm.memory.used", Kind.GAUGE, "bytes", "bytes", List.of("area", "id"),
            "Memory in use per pool"),
    JVM_GC_PAUSE(Source.QUARKUS, "jvm.gc.pause", Kind.TIMER, "seconds", "seconds", List.of("action", "cause"),
            "Garbage-collection pauses"),
    JVM_THREADS_LIVE(Source.QUARKUS, "jvm.threads.live", Kind.GAUGE, "threads", "threads", List.of(),
            "Live threads");

    /** Who registers the meter. */
    public enum Source {
        ZINGMONITOR,
        QUARKUS
    }

    /** The Micrometer meter type and the Prometheus type it is exposed as. */
    public enum Kind {
        COUNTER("counter"),
        /** A timer with buckets (ZingMonitor sets them at the SLO thresholds). */
        TIMER("histogram"),
        GAUGE("gauge");

        private final String prometheusType;

        Kind(String prometheusType) {
            this.prometheusType = prometheusType;
        }

        public String prometheusType() {
            return prometheusType;
        }
    }

    private final Source source;
    private final String micrometerName;
    private final Kind kind;
    private final String baseUnit;
    private final String unit;
    private final List<String> tags;
    private final String description;
    private final String prometheusName;

    /**
     * @param baseUnit Micrometer's base unit, which becomes part of the Prometheus name, or null
     * @param unit what one unit of the value is, for people reading the plan ("messages", "seconds")
     */
    MeterCatalogue(Source source, String micrometerName, Kind kind, String baseUnit, String unit, List<String> tags,
            String description) {
        this.source = source;
        this.micrometerName = micrometerName;
        this.kind = kind;
        this.baseUnit = baseUnit;
        this.unit = unit;
        this.tags = tags;
        this.description = description;
        String name = micrometerName.replace('.', '_');
        if (baseUnit != null && !name.endsWith("_" + baseUnit)) {
            name += "_" + baseUnit;
        }
        this.prometheusName = kind == Kind.COUNTER ? name + "_total" : name;
    }

    public Source source() {
        return source;
    }

    public String micrometerName() {
        return micrometerName;
    }

    public Kind kind() {
        return kind;
    }

    /** Micrometer's base unit (part of the Prometheus name), or null. */
    public String baseUnit() {
        return baseUnit;
    }

    public String unit() {
        return unit;
    }

    /** Micrometer tag keys, besides the common {@code application} tag. */
    public List<String> tags() {
        return tags;
    }

    /** The tags as Prometheus labels. */
    public List<String> labels() {
        return tags.stream().map(tag -> tag.replace('.', '_')).toList();
    }

    public String description() {
        return description;
    }

    /** The series name in the scrape: {@code zingmonitor_messages_total}, or a histogram's family name. */
    public String prometheusName() {
        return prometheusName;
    }

    /** A histogram's {@code _count} series. */
    public String count() {
        return histogramSeries("_count");
    }

    public String sum() {
        return histogramSeries("_sum");
    }

    public String bucket() {
        return histogramSeries("_bucket");
    }

    /** Every series the meter appears as in the scrape. */
    public List<String> series() {
        return kind == Kind.TIMER ? List.of(count(), sum(), bucket(), prometheusName + "_max") : List.of(prometheusName);
    }

    private String histogramSeries(String suffix) {
        if (kind != Kind.TIMER) {
            throw new IllegalStateException(this + " is a " + kind + ", not a histogram");
        }
        return prometheusName + suffix;
    }

    public Counter.Builder counter() {
        requireOwn(Kind.COUNTER);
        return Counter.builder(micrometerName).description(description);
    }

    public <T> FunctionCounter.Builder<T> functionCounter(T state, ToDoubleFunction<T> count) {
        requireOwn(Kind.COUNTER);
        return FunctionCounter.builder(micrometerName, state, count).description(description);
    }

    public Timer.Builder timer() {
        requireOwn(Kind.TIMER);
        return Timer.builder(micrometerName).description(description);
    }

    public <T> Gauge.Builder<T> gauge(T state, ToDoubleFunction<T> value) {
        requireOwn(Kind.GAUGE);
        return Gauge.builder(micrometerName, state, value).description(description);
    }

    public MultiGauge.Builder multiGauge() {
        requireOwn(Kind.GAUGE);
        return MultiGauge.builder(micrometerName).description(description);
    }

    private void requireOwn(Kind expected) {
        if (kind != expected || source != Source.ZINGMONITOR) {
            throw new IllegalStateException(this + " is a " + source + " " + kind + ": ZingMonitor does not register it as a "
                    + expected);
        }
    }
}
