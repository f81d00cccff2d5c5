package io.zingmonitor.runtime.tracing;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exemplars.ExemplarSampler;

/**
 * The Prometheus registry, with exemplars only where every Prometheus accepts them: on histogram
 * buckets, which is where the latency panels read them. Micrometer also puts one on each timer's
 * {@code _count} (and counters' {@code _total}); Prometheus before 2.43 (Debian's is 2.42) rejects a
 * whole OpenMetrics scrape that has an exemplar on a {@code _count}, so with OpenMetrics negotiated
 * every metric of the service would vanish. Replaces Quarkus's registry bean (same type, higher
 * priority) with the same constructor arguments, but a {@link BucketExemplarSampler} around the sampler.
 */
public class BucketExemplarsPrometheusRegistry extends PrometheusMeterRegistry {

    private static final String EXEMPLAR = " # {";

    public BucketExemplarsPrometheusRegistry(PrometheusConfig config, CollectorRegistry registry, Clock clock,
            ExemplarSampler exemplarSampler) {
        super(config, registry, clock, exemplarSampler);
    }

    @Override
    public String scrape(String contentType) {
        String scrape = super.scrape(contentType);
        return contentType.startsWith("application/openmetrics-text") ? bucketExemplarsOnly(scrape) : scrape;
    }

    /** Drops the exemplar of every sample line that is not a histogram bucket. */
    public static String bucketExemplarsOnly(String openMetrics) {
        StringBuilder out = new StringBuilder(openMetrics.length());
        int start = 0;
        while (start < openMetrics.length()) {
            int end = openMetrics.indexOf('\n', start);
            end = end < 0 ? openMetrics.length() : end + 1;
            String line = openMetrics.substring(start, end);
            int exemplar = line.lastIndexOf(EXEMPLAR);
            if (exemplar > 0 && line.charAt(0) != '#' && !metricName(line).endsWith("_bucket")) {
                out.append(line, 0, exemplar).append(line.endsWith("\n") ? "\n" : "");
            } else {
                out.append(line);
            }
            start = end;
        }
        return out.toString();
    }

    private static String metricName(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '{' || c == ' ') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Produces the registry in place of Quarkus's own (which has priority APPLICATION + 100). */
    @Singleton
    public static class Producer {

        @Produces
        @Singleton
        @Alternative
        @Priority(Interceptor.Priority.APPLICATION + 200)
        public PrometheusMeterRegistry registry(PrometheusConfig config, CollectorRegistry collectorRegistry,
                Optional<ExemplarSampler> exemplarSampler, Clock clock) {
            return new BucketExemplarsPrometheusRegistry(config, collectorRegistry, clock,
                    exemplarSampler.map(BucketExemplarSampler::new).orElse(null))
                    .throwExceptionOnRegistrationFailure();
        }
    }
}
