package io.zingmonitor.runtime.telemetry;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class TelemetryRecorder {

    /** Static init: the buckets are build-time configuration, because the generated rules query them. */
    public Supplier<SloHistogramMeterFilter> sloHistograms(List<Double> bucketSeconds) {
        return () -> new SloHistogramMeterFilter(bucketSeconds);
    }

    /** Static init: the attribute positions are fixed by the code, known entirely at build time. */
    public Supplier<ObservedOperations> observedOperations(Map<String, List<String>> attributesByMethod) {
        return () -> new ObservedOperations(attributesByMethod);
    }
}
