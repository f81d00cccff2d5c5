package io.zingmonitor.runtime.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exemplars.DefaultExemplarSampler;
import io.prometheus.client.exemplars.tracer.common.SpanContextSupplier;

/** Exemplars are sampled for histogram buckets only: no trace lookup for a meter without buckets. */
class BucketExemplarsTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    /** The registry as the extension produces it, scraped for real. */
    @Test
    void theProducedRegistrySamplesAndScrapesExemplarsOnBucketsOnly() {
        SampledSpan span = new SampledSpan();
        PrometheusMeterRegistry registry = new BucketExemplarsPrometheusRegistry.Producer().registry(PrometheusConfig.DEFAULT,
                new CollectorRegistry(), Optional.of(new DefaultExemplarSampler(span)), Clock.SYSTEM);
        Timer.builder("sql.pool.usage").register(registry).record(Duration.ofMillis(2));
        Counter.builder("jobs").register(registry).increment();
        assertThat(span.lookups).as("no trace lookup for a meter without buckets").isZero();
        Timer.builder("http.server.requests").serviceLevelObjectives(Duration.ofMillis(100)).register(registry)
                .record(Duration.ofMillis(30));
        assertThat(span.lookups).isPositive();

        List<String> samples = registry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8").lines()
                .filter(line -> !line.startsWith("#")).toList();
        assertThat(samples).filteredOn(line -> line.startsWith("http_server_requests_seconds_bucket{le=\"0.1\"}"))
                .singleElement().asString().contains("trace_id=\"" + TRACE + "\"");
        assertThat(samples).filteredOn(line -> line.contains(" # {"))
                .noneSatisfy(line -> assertThat(line).startsWith("sql_pool_usage"))
                .noneSatisfy(line -> assertThat(line).startsWith("jobs_total"));
        assertThat(samples).anySatisfy(line -> assertThat(line).startsWith("http_server_requests_seconds_count"))
                .anySatisfy(line -> assertThat(line).startsWith("sql_pool_usage_seconds_count"))
                .anySatisfy(line -> assertThat(line).startsWith("jobs_total"));
    }

    private static final class SampledSpan implements SpanContextSupplier {
        int lookups;

        @Override
        public String getTraceId() {
            lookups++;
            return TRACE;
        }

        @Override
        public String getSpanId() {
            lookups++;
            return "00f067aa0ba902b7";
        }

        @Override
        public boolean isSampled() {
            lookups++;
            return true;
        }
    }
}
