package io.zingmonitor.runtime.telemetry;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class TelemetryRecorder {

    /** Static init: the attribute positions are fixed by the code, known entirely at build time. */
    public void observedOperations(Map<String, List<String>> attributesByMethod) {
        ObservedOperations.register(attributesByMethod);
    }
}
