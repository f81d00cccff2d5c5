package io.zingmonitor.runtime.telemetry;

import java.util.List;

/** The histogram buckets fixed at build time, where the alert rules that query them are generated too. */
public final class SloBuckets {

    private static volatile List<Double> seconds = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

    private SloBuckets() {
    }

    static void set(List<Double> bucketSeconds) {
        seconds = List.copyOf(bucketSeconds);
    }

    public static List<Double> seconds() {
        return seconds;
    }
}
