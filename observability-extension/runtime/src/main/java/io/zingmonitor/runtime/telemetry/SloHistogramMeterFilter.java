package io.zingmonitor.runtime.telemetry;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives HTTP server requests, observed operations and message processing histogram buckets at the SLO thresholds:
 * percentiles and "share under 1 s" become plain PromQL, and exemplars attach to the buckets.
 */
public final class SloHistogramMeterFilter implements MeterFilter {

    private static final List<String> TIMED = List.of(MeterCatalogue.HTTP_SERVER_REQUESTS.micrometerName(),
            MeterCatalogue.OPERATION_DURATION.micrometerName(), MeterCatalogue.MESSAGE_PROCESSING.micrometerName());

    private final double[] bucketsNanos;

    public SloHistogramMeterFilter(List<Double> bucketSeconds) {
        this.bucketsNanos = bucketSeconds.stream()
                .mapToDouble(seconds -> (double) Duration.ofNanos(Math.round(seconds * 1e9)).toNanos())
                .sorted().toArray();
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !TIMED.contains(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .percentilesHistogram(false)
                .serviceLevelObjectives(bucketsNanos)
                .build()
                .merge(config);
    }
}
