package io.zingmonitor.runtime.compat;

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
 * The Prometheus registry, sampling exemplars for histogram buckets only, which is where the latency
 * panels read them: a {@link BucketExemplarSampler} around Quarkus's sampler spares a trace lookup on
 * every recording of a bucketless meter. Replaces Quarkus's registry bean (same type, higher priority)
 * with the same constructor arguments.
 */
public class BucketExemplarsPrometheusRegistry extends PrometheusMeterRegistry {

    public BucketExemplarsPrometheusRegistry(PrometheusConfig config, CollectorRegistry registry, Clock clock,
            ExemplarSampler exemplarSampler) {
        super(config, registry, clock, exemplarSampler);
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
