package io.zingmonitor.runtime.tracing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * What ZingMonitor adds to Quarkus's OpenTelemetry SDK: Quarkus uses a {@link Sampler} bean in place
 * of its configured one and merges {@link Resource} beans into the resource of every span.
 */
@Singleton
public class TracingProducer {

    /** The attribute the brief and most backends still read; semantic conventions 1.27+ renamed it. */
    static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT = AttributeKey.stringKey("deployment.environment");
    static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT_NAME = AttributeKey.stringKey("deployment.environment.name");

    @Produces
    @Singleton
    Sampler sampler(ZingMonitorTracingConfig config) {
        double ratio = config.sampleRatio();
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("zingmonitor.tracing.sample-ratio must be between 0 and 1, got " + ratio);
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
    }

    @Produces
    @Singleton
    Resource deploymentEnvironment(ZingMonitorTracingConfig config) {
        String environment = config.environment().orElseGet(() -> String.join(",", ConfigUtils.getProfiles()));
        return Resource.create(Attributes.of(DEPLOYMENT_ENVIRONMENT, environment, DEPLOYMENT_ENVIRONMENT_NAME, environment));
    }
}
