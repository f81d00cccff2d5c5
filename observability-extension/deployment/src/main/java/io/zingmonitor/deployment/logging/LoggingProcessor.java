package io.zingmonitor.deployment.logging;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.LogHandlerBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.runtime.RuntimeValue;
import io.zingmonitor.runtime.logging.LogEventCounts;
import io.zingmonitor.runtime.logging.LogEventMetrics;
import io.zingmonitor.runtime.logging.LoggingRecorder;
import io.zingmonitor.runtime.logging.RedactingLogFilter;
import io.zingmonitor.deployment.ZingMonitorEnabled;

/**
 * One log schema for every service: JSON in Elastic Common Schema names (Quarkus's ECS format, with the
 * log context renamed by {@link RedactingLogFilter}) on the console and in the log file; log events
 * counted by level and logger, every log line redacted. (Log levels at run time: the loglevels package.)
 */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class LoggingProcessor {

    /**
     * One count of log events: the root handler counts into it from the first line logged at run time;
     * the meter binder (a bean) exposes it. Runtime init: the logger cap is runtime configuration.
     */
    @Record(ExecutionTime.RUNTIME_INIT)
    @BuildStep
    LogHandlerBuildItem logEventCounter(LoggingRecorder recorder, BuildProducer<SyntheticBeanBuildItem> beans) {
        RuntimeValue<LogEventCounts> counts = recorder.logEventCounts();
        beans.produce(SyntheticBeanBuildItem.configure(LogEventCounts.class)
                .scope(Singleton.class)
                .setRuntimeInit()
                .runtimeValue(counts)
                .done());
        return new LogHandlerBuildItem(recorder.logEventCountingHandler(counts));
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

    /**
     * Defaults only, so a service overrides any of them in its application.properties: ECS JSON for the
     * console and the file. Whether there is a file, and where, is the service's choice
     * ({@code quarkus.log.file.enabled}, {@code path}, {@code rotation.*}): Quarkus 3.34 reads its core
     * file-handler settings without extension defaults, so they cannot be set from here.
     */
    @BuildStep
    void ecsJsonToConsoleAndFile(
            io.quarkus.deployment.annotations.BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        for (String handler : List.of("console", "file")) {
            String json = "quarkus.log." + handler + ".json.";
            defaults.produce(new RunTimeConfigurationDefaultBuildItem(json + "log-format", "ecs"));
            // One error.stack_trace string (ECS) rather than a frame array under a non-ECS "exception" key.
            defaults.produce(new RunTimeConfigurationDefaultBuildItem(json + "exception-output-type", "formatted"));
            // The nested diagnostic context is unused and always empty.
            defaults.produce(new RunTimeConfigurationDefaultBuildItem(json + "excluded-keys", "ndc"));
        }
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
