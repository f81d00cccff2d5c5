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
     * How many traces of refused requests are exported each second before sampling starts (per
     * process): a request answered 429 or 503 whose server span is the whole trace. A service shedding
     * load refuses most requests, and each such trace costs as much to export and store as the refusal
     * costs to answer, while the HTTP metrics count every one by status anyway. A trace that continues
     * a caller's, or that has spans below the server span, is always kept. Takes effect with the span
     * export accounting ({@code zingmonitor.compat.span-export-accounting.enabled}), which owns the
     * export path.
     */
    @WithDefault("10")
    int refusalTracesPerSecond();

    /**
     * Share (0 to 1) of the refused requests' traces beyond each second's
     * {@code refusal-traces-per-second} that are exported; 1 exports them all.
     */
    @WithDefault("0.01")
    double refusalSampleRatio();

    /**
     * The {@code deployment.environment} resource attribute of every span (for example
     * {@code production}, {@code staging}). Defaults to the active configuration profile.
     */
    Optional<String> environment();
}
