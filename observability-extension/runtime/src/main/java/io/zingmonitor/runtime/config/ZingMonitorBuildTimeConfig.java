package io.zingmonitor.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * ZingMonitor settings fixed at build time: they decide which beans, interceptors and meters exist
 * in the application at all.
 */
@ConfigMapping(prefix = "zingmonitor")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface ZingMonitorBuildTimeConfig {

    /**
     * Whether ZingMonitor instruments the application. {@code false} removes every ZingMonitor bean,
     * interceptor and meter, leaving plain Quarkus (the baseline of the overhead benchmark).
     */
    @WithDefault("true")
    boolean enabled();

    /** Masking of sensitive values in payloads, span attributes and log messages. */
    Redaction redaction();

    /** The per-request access log. */
    RequestLog requestLog();

    /** Per-client rate limiting of the public API. */
    RateLimit rateLimit();

    /** Latency exemplars (trace ids) on the Prometheus histogram buckets. */
    Exemplars exemplars();

    /** Meters of the reactive-messaging channels. */
    Messaging messaging();

    /** The log-level endpoint on the management interface. */
    LogLevels logLevels();

    /** RFC 9457 problem details for the errors of the REST layer. */
    ProblemDetails problem();

    /** ZingMonitor's own answers in the service's OpenAPI document. */
    OpenApi openapi();

    /**
     * ZingMonitor's patches of Quarkus internals, each switchable on its own, for when a Quarkus upgrade
     * breaks one (the exemplar registry is switched by {@code zingmonitor.exemplars.enabled}).
     */
    Compat compat();

    interface Compat {
        /** Counting the spans that never reach the tracing backend. */
        SpanExportAccounting spanExportAccounting();

        /** Narrowing Prometheus's {@code Accept} header to OpenMetrics. */
        OpenMetricsAccept openmetricsAccept();

        interface SpanExportAccounting {
            /**
             * Whether Quarkus's OTLP exporter recorder builds its batch span processor through ZingMonitor,
             * so spans dropped from the full queue or lost in failed exports are counted
             * ({@code zingmonitor_spans_dropped_total}, {@code zingmonitor_spans_queued}). {@code false} leaves
             * Quarkus's bytecode alone; the meters then stay at zero.
             */
            @WithDefault("true")
            boolean enabled();
        }

        interface OpenMetricsAccept {
            /**
             * Whether a scrape that prefers OpenMetrics (Prometheus always does, listing the text format as a
             * fallback) is answered in OpenMetrics, the only format that carries exemplars: Quarkus's endpoint
             * answers the text format whenever {@code Accept} mentions {@code text/plain} at all.
             * {@code false} leaves Quarkus's negotiation alone (no exemplars reach Prometheus).
             */
            @WithDefault("true")
            boolean enabled();
        }
    }

    interface LogLevels {
        /**
         * Whether {@code /q/zingmonitor/log-levels} exists (read and change log levels at run time, for an
         * authenticated caller). {@code false} leaves no route and no HTTP permission behind.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface RequestLog {
        /**
         * Whether one structured line is logged per HTTP request (tuned at run time under
         * {@code zingmonitor.request-log.*}). {@code false} leaves no access-log bean behind; the client id
         * still goes into the log context of every line a request causes.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface RateLimit {
        /**
         * Whether the public API is rate limited per client (tuned at run time under
         * {@code zingmonitor.rate-limit.*}). {@code false} leaves no limiter, no rejection and top-offender
         * meters, and no {@code 429} in the OpenAPI document.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface Exemplars {
        /**
         * Whether ZingMonitor's Prometheus registry replaces Quarkus's, sampling exemplars for histogram
         * buckets only (no trace lookup for meters whose exemplars no panel reads). {@code false} keeps
         * Quarkus's own registry. Only applies when the service has the Prometheus registry.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface Messaging {
        /**
         * Whether the messages of every reactive-messaging channel in the plan are counted by channel,
         * direction and outcome ({@code zingmonitor_messages_total}) and timed until acknowledged
         * ({@code zingmonitor_message_processing_seconds}). Only applies when the service uses messaging.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface ProblemDetails {
        /**
         * Whether the REST layer's errors (validation, malformed JSON, {@code ProblemException}, unhandled
         * exceptions) are answered as {@code application/problem+json}. {@code false} leaves Quarkus's own
         * answers in place.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface OpenApi {
        /**
         * Whether the OpenAPI document lists the answers ZingMonitor gives ({@code 429} with
         * {@code Retry-After}, {@code 413}, {@code 415}) on the operations they apply to.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** Meters whose shape the generated rules and dashboards depend on. */
    Metrics metrics();

    /** The Prometheus alert rules generated for this service. */
    Alerts alerts();

    /** Service level objectives and their multi-window, multi-burn-rate alerts. */
    Slo slo();

    /** The Grafana dashboards generated for this service. */
    Dashboards dashboards();

    interface Dashboards {
        /** Whether dashboards are generated into {@code target/zingmonitor/dashboards/}. */
        @WithDefault("true")
        boolean enabled();

        /** Jaeger's UI, linked from every dashboard and from every latency exemplar. */
        @WithDefault("http://localhost:16686")
        String jaegerUrl();

        /** Prometheus, as Grafana's provisioned data source (with exemplar links to Jaeger) reaches it. */
        @WithDefault("http://localhost:9090")
        String prometheusUrl();

        /** The log search (OpenSearch Dashboards), linked from every dashboard. */
        @WithDefault("http://localhost:5601/app/data-explorer/discover")
        String logsUrl();

        /**
         * Prefix of every generated dashboard's uid: the service dashboard's uid is the prefix and the
         * service's name, the shared ones the prefix and {@code overview} or {@code abuse}. Each alert links
         * to its service's dashboard by this uid.
         */
        @WithDefault("zingmonitor-")
        String uidPrefix();

        /** Prefix of every generated dashboard's title, usually the product's name and a separator. */
        @WithDefault("ZingMonitor / ")
        String titlePrefix();

        /** Grafana tags of every generated dashboard; a service dashboard is also tagged with the service's name. */
        @WithDefault("zingmonitor")
        List<String> tags();

        /** The cross-service overview and abuse dashboards. */
        Overview overview();

        /**
         * Business panels on the overview dashboard, keyed by a short id (in id order, after the
         * latency panels), for example
         * {@code zingmonitor.dashboards.panels."bookings-pending".query=myapp_bookings_pending}. A key of a
         * {@code .properties} file ends at its first space, hence ids rather than titles as keys.
         */
        Map<String, Panel> panels();

        interface Overview {
            /**
             * Whether this service's build also writes the overview and abuse dashboards. In a system of
             * several services, let one of them do it, so the panels it configures are the ones published.
             */
            @WithDefault("true")
            boolean enabled();

            /** The overview dashboard's description. */
            @WithDefault("Health of every service at a glance: traffic, errors, latency, Kafka lag, firing alerts.")
            String description();
        }

        interface Panel {
            /** The panel's title; the id when not set. */
            Optional<String> title();

            /**
             * The panel's PromQL query, as Grafana runs it ({@code $__rate_interval} and {@code $service}
             * are available).
             */
            String query();

            /** Grafana's unit of the values, such as {@code short}, {@code s}, {@code reqps}, {@code percentunit}. */
            @WithDefault("short")
            String unit();

            /** Legend of each series, a Grafana template such as {{outcome}}; without it, the series' labels. */
            Optional<String> legend();

            /** The panel's description (its tooltip). */
            Optional<String> description();

            /**
             * The row the panel goes in, such as {@code Pipeline}: panels naming the same row are shown
             * together under it, after the Services row, rows in the order of their first panel's id.
             * Without it, the panel goes in the Services row.
             */
            Optional<String> row();
        }
    }

    interface Metrics {
        /**
         * Histogram bucket boundaries in seconds for HTTP server requests and {@code @Observed}
         * operations: averages, percentiles and the share of requests under each objective are all
         * computable in Prometheus. The SLO latency threshold must be one of them.
         */
        @WithDefault("0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2.5,5,10")
        List<Double> sloBuckets();
    }

    interface Alerts {
        /** Whether alert rules are generated into {@code target/zingmonitor/prometheus-rules.yml}. */
        @WithDefault("true")
        boolean enabled();

        /** {@code HighLatency}: average HTTP response time above this over 5 minutes. */
        @WithDefault("1s")
        Duration latencyThreshold();

        /** {@code HighErrorRate}: share of failed requests and operations above this over 5 minutes. */
        @WithDefault("0.05")
        double errorRateThreshold();

        /** Outcomes of {@code @Observed} operations that count as errors for {@code HighErrorRate}. */
        @WithDefault("error")
        List<String> errorOutcomes();

        /** {@code ErrorLogSpike}: ERROR lines per second this many times the previous hour's rate... */
        @WithDefault("5")
        double errorLogSpikeFactor();

        /** ...and at least this many per second, so a quiet service's first error is not a spike. */
        @WithDefault("0.1")
        double errorLogMinRate();

        /** {@code KafkaConsumerLag}: records a consumer is behind before it alerts. */
        @WithDefault("1000")
        long kafkaLagThreshold();

        /** How long a symptom must last before its alert fires. */
        @WithDefault("5m")
        Duration pendingFor();

        /**
         * {@code ServiceDown}: how long an instance may miss its scrapes, or no instance be left to scrape, before it
         * pages. Not scaled by {@code time-scale}: it counts missed scrapes, which the scrape interval sets.
         */
        @WithDefault("1m")
        Duration serviceDownFor();

        /**
         * Every window and wait of the generated rules is multiplied by this (their names keep the nominal
         * window, so dashboards query the same recording rules). 1 in production; a game day or a test system
         * compresses time with a smaller value, e.g. 0.0667 turns 5-minute windows into 20 s and an hour into 4
         * minutes, so that every alert can fire and resolve within the drill.
         */
        @WithDefault("1")
        double timeScale();

        /** Rate alerts on business operations, keyed by operation name (such as {@code booking.create}). */
        Map<String, OperationSpike> operationSpikes();

        /**
         * Where runbooks live: each alert links to its section (the alert's name in lower case as the
         * anchor) and each dashboard to the page. Without it, alerts carry no {@code runbook_url}.
         */
        Optional<String> runbookUrl();

        /**
         * Threshold alerts on any gauge the service exports, keyed by alert name, for example
         * {@code zingmonitor.alerts.gauges."StuckPendingBookings".series=myapp_pending_oldest_age_seconds}.
         */
        Map<String, GaugeAlert> gauges();

        /**
         * Alerts on how much a counter grew within a window, keyed by alert name, for things that should
         * happen rarely or never, for example
         * {@code zingmonitor.alerts.counters."EmailDeliveryFailures".series=myapp_emails_total}.
         */
        Map<String, CounterAlert> counters();

        /** Grafana's base URL, for the dashboard link in each alert. */
        @WithDefault("http://localhost:3000")
        String grafanaUrl();

        interface OperationSpike {
            /** The alert's name, for example {@code BookingSpike}. */
            String alertName();

            /** Calls per minute above which the alert fires. */
            double maxPerMinute();
        }

        interface GaugeAlert {
            /** The gauge's Prometheus series name, such as {@code myapp_queue_oldest_age_seconds}. */
            String series();

            /** The alert fires when the gauge's highest value across instances is above this. */
            double above();

            /** How long the gauge must stay above the threshold before the alert fires. */
            @WithName("for")
            @WithDefault("5m")
            Duration pendingFor();

            /** The alert's {@code severity} label: {@code critical} pages, {@code warning} does not. */
            @WithDefault("warning")
            String severity();

            /** The alert's summary: what is wrong, in a sentence. */
            String summary();
        }

        interface CounterAlert {
            /** The counter's Prometheus series name, with its {@code _total} suffix, such as {@code myapp_retries_total}. */
            String series();

            /**
             * Label matchers narrowing the counter, in PromQL syntax, such as {@code outcome=~"failed|abandoned"}
             * (the service's own {@code application} matcher is always added).
             */
            Optional<String> matchers();

            /** The window over which the counter's growth is summed across instances. */
            @WithDefault("15m")
            Duration window();

            /** The alert fires when the counter grew by more than this within the window. */
            @WithDefault("0")
            double above();

            /** How long the growth must stay above the threshold before the alert fires. */
            @WithName("for")
            @WithDefault("0s")
            Duration pendingFor();

            /** The alert's {@code severity} label: {@code critical} pages, {@code warning} does not. */
            @WithDefault("warning")
            String severity();

            /** The alert's summary: what is wrong, in a sentence. */
            String summary();
        }
    }

    interface Slo {
        /** Whether availability and latency SLOs (and their burn-rate alerts) are generated. */
        @WithDefault("false")
        boolean enabled();

        /** Share of requests that must not fail with a 5xx, for example 0.995. */
        @WithDefault("0.995")
        double availabilityObjective();

        /** The latency a request must beat to count as good; one of {@code metrics.slo-buckets}. */
        @WithDefault("0.5")
        double latencyThresholdSeconds();

        /** Share of requests that must beat the latency threshold. */
        @WithDefault("0.99")
        double latencyObjective();

        /**
         * Latency objectives on any histogram the service records, keyed by a short name (letters,
         * digits, {@code _}), each with multi-window, multi-burn-rate alerts (page and ticket) and a panel
         * on the service dashboard. Independent of {@code zingmonitor.slo.enabled}, which governs the HTTP
         * objectives.
         */
        Map<String, Objective> objectives();

        interface Objective {
            /**
             * The histogram's Prometheus name without suffix, such as {@code myapp_order_settlement_seconds}
             * (its {@code _bucket} and {@code _count} series are read).
             */
            String histogram();

            /**
             * Label matchers narrowing the histogram to the events the objective is about, in PromQL
             * syntax, such as {@code operation="payment.gateway.authorize"} on the shared operation
             * histogram (the service's own {@code application} matcher is always added).
             */
            Optional<String> matchers();

            /** The duration an event must beat to count as good: one of the histogram's bucket bounds. */
            double thresholdSeconds();

            /** Share of events that must beat the threshold, such as 0.99. */
            double objective();

            /** The burn-rate alerts' name, such as {@code SettlementBudgetBurn}. */
            String alertName();

            /** What the objective promises, in a sentence: the panel's and the alerts' description. */
            String description();
        }
    }

    interface Redaction {
        /**
         * Whether sensitive values are masked: a redactor is generated for every payload type with a
         * sensitive field (used by {@code PayloadRedactor} and the {@code @Observed} span attributes),
         * and log messages are scanned (tuned at run time under {@code zingmonitor.redaction.*}).
         * {@code false} generates no redactor and scans no log message: payloads are written as their
         * {@code toString()}, scanned for card numbers, emails and tokens.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Field names (a regular expression matched against the whole name) treated as sensitive
         * without a {@code @Sensitive} annotation.
         */
        @WithDefault("(?i)(.*password.*|.*passwd.*|.*secret.*|.*token.*|authorization|cvc2?|cvv2?|iban|card_?number|pan|pin)")
        String fieldNames();
    }
}
