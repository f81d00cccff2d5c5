package io.zingmonitor.deployment;

import java.util.List;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.LogHandlerBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.zingmonitor.runtime.logging.LogEventMetrics;
import io.zingmonitor.runtime.logging.LoggingRecorder;
import io.zingmonitor.runtime.logging.RedactingLogFilter;

/** Log events counted by level and logger, and every log line redacted. */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class LoggingProcessor {

    @Record(ExecutionTime.RUNTIME_INIT)
    @BuildStep
    LogHandlerBuildItem logEventCounter(LoggingRecorder recorder) {
        return new LogHandlerBuildItem(recorder.logEventCountingHandler());
    }

    @BuildStep
    AdditionalBeanBuildItem logEventMetrics() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(LogEventMetrics.class, RedactingLogFilter.class)
                .setUnremovable().build();
    }

    /** Quarkus finds {@code @LoggingFilter} classes in the index; ours lives in a library jar. */
    @BuildStep
    AdditionalIndexedClassesBuildItem redactionFilterClass() {
        return new AdditionalIndexedClassesBuildItem(RedactingLogFilter.class.getName());
    }

    /** Defaults only: a team that names its own filter keeps it (and should chain ours). */
    @BuildStep
    void redactionFilterOnEveryHandler(
            io.quarkus.deployment.annotations.BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        for (String handler : List.of("console", "file", "syslog")) {
            defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.log." + handler + ".filter",
                    RedactingLogFilter.NAME));
        }
    }
}
