package io.zingmonitor.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** Which fields count as sensitive. */
    Redaction redaction();

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
    }

    interface Metrics {
        /**
         * Histogram bucket boundaries in seconds for HTTP server requests and {@code @Observed}
         * operations: averages, percentiles and the share of requests under each objective are all
         * computable in Prometheus. The SLO latency threshold must be one of them.
         */
        @WithDefault("0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2.5,5,10")
        List<Double> sloBuckets();

        /**
         * Whether the messages of every reactive-messaging channel in the plan are counted by channel,
         * direction and outcome ({@code zingmonitor_messages_total}) and timed until acknowledged
         * ({@code zingmonitor_message_processing_seconds}).
         */
        @WithDefault("true")
        boolean messages();
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

        /** Rate alerts on business operations, keyed by operation name (such as {@code booking.create}). */
        Map<String, OperationSpike> operationSpikes();

        /** Where runbooks live; each alert links to its section. */
        @WithDefault("https://github.com/zingtickets/zingtickets/blob/main/docs/runbooks.md")
        String runbookUrl();

        /** Grafana's base URL, for the dashboard link in each alert. */
        @WithDefault("http://localhost:3000")
        String grafanaUrl();

        interface OperationSpike {
            /** The alert's name, for example {@code BookingSpike}. */
            String alertName();

            /** Calls per minute above which the alert fires. */
            double maxPerMinute();
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
    }

    interface Redaction {
        /**
         * Field names (a regular expression matched against the whole name) treated as sensitive
         * without a {@code @Sensitive} annotation.
         */
        @WithDefault("(?i)(.*password.*|.*passwd.*|.*secret.*|.*token.*|authorization|cvc2?|cvv2?|iban|card_?number|pan|pin)")
        String fieldNames();
    }
}
