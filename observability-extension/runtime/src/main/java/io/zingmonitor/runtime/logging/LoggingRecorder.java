package io.zingmonitor.runtime.logging;

import java.util.Optional;
import java.util.logging.Handler;

import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig;

@Recorder
public class LoggingRecorder {

    private final RuntimeValue<ZingMonitorRuntimeConfig> config;

    public LoggingRecorder(RuntimeValue<ZingMonitorRuntimeConfig> config) {
        this.config = config;
    }

    /** Runtime init: the logger cap is runtime configuration. */
    public RuntimeValue<LogEventCounts> logEventCounts() {
        return new RuntimeValue<>(new LogEventCounts(config.getValue().metrics().maxLoggers()));
    }

    public RuntimeValue<Optional<Handler>> logEventCountingHandler(RuntimeValue<LogEventCounts> counts) {
        return new RuntimeValue<>(Optional.of(new LogEventCountingHandler(counts.getValue())));
    }

    public io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> logLevelsHandler() {
        return new LogLevelsHandler();
    }
}
