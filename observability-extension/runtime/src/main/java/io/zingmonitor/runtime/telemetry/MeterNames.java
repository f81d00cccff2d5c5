package io.zingmonitor.runtime.telemetry;

/**
 * Names of the meters ZingMonitor registers, in Micrometer's dotted form; the Prometheus registry
 * turns them into snake_case with a unit suffix.
 */
public final class MeterNames {

    public static final String OPERATION_DURATION = "zingmonitor.operation.duration";
    public static final String LOG_EVENTS = "zingmonitor.log.events";
    /** Messages per channel, direction and outcome: {@code zingmonitor_messages_total}. */
    public static final String MESSAGES = "zingmonitor.messages";
    /** Message processing time per channel: {@code zingmonitor_message_processing_seconds}. */
    public static final String MESSAGE_PROCESSING = "zingmonitor.message.processing";

    private MeterNames() {
    }

    public static String prometheus(String micrometerName) {
        return micrometerName.replace('.', '_');
    }
}
