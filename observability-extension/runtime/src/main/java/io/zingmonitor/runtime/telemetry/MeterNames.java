package io.zingmonitor.runtime.telemetry;

/**
 * Names of the meters ZingMonitor registers, in Micrometer's dotted form; the Prometheus registry
 * turns them into snake_case with a unit suffix.
 */
public final class MeterNames {

    public static final String OPERATION_DURATION = "zingmonitor.operation.duration";
    public static final String LOG_EVENTS = "zingmonitor.log.events";

    private MeterNames() {
    }

    public static String prometheus(String micrometerName) {
        return micrometerName.replace('.', '_');
    }
}
