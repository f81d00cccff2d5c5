package io.zingmonitor.runtime.telemetry;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class TelemetryRecorder {

    /** Static init: the attribute positions are fixed by the code, known entirely at build time. */
    /** Static init: the buckets are build-time configuration, because the generated rules query them. */
    public void sloBuckets(List<Double> seconds) {
        SloBuckets.set(seconds);
    }

    public void observedOperations(Map<String, List<String>> attributesByMethod) {
        ObservedOperations.register(attributesByMethod);
    }
}
