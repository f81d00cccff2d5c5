package io.zingmonitor.runtime.tracing;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Tracing settings that change per deployment without a rebuild. Export itself (endpoint, protocol,
 * batching) stays under {@code quarkus.otel.*}; ZingMonitor only contributes defaults there.
 */
@ConfigMapping(prefix = "zingmonitor.tracing")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ZingMonitorTracingConfig {

    /**
     * Share of new traces that are recorded and exported, 0 to 1 (parent-based: a request that
     * arrives with a sampling decision keeps it, so a trace is never cut in half between services).
     * The decision is taken when the first span starts, before its outcome is known: errors and slow
     * requests are kept only in that share. Keep 1.0 and sample in a collector (tail sampling) to keep
     * every error and slow trace.
     */
    @WithDefault("1.0")
    double sampleRatio();

    /**
     * The {@code deployment.environment} resource attribute of every span (for example
     * {@code production}, {@code staging}). Defaults to the active configuration profile.
     */
    Optional<String> environment();
}
