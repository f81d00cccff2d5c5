package io.zingmonitor.deployment;

import java.util.List;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.LogHandlerBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.vertx.http.runtime.management.ManagementInterfaceBuildTimeConfig;
import io.zingmonitor.runtime.logging.LogEventMetrics;
import io.zingmonitor.runtime.logging.LoggingRecorder;
import io.zingmonitor.runtime.logging.RedactingLogFilter;

/**
 * One log schema for every service: JSON in Elastic Common Schema names (Quarkus's ECS format, with the
 * log context renamed by {@link RedactingLogFilter}) on the console and in the log file; log events
 * counted by level and logger, every log line redacted, log levels changeable at run time.
 */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class LoggingProcessor {

    @Record(ExecutionTime.RUNTIME_INIT)
    @BuildStep
    LogHandlerBuildItem logEventCounter(LoggingRecorder recorder) {
        return new LogHandlerBuildItem(recorder.logEventCountingHandler());
    }

    static final String LOG_LEVELS_PATH = "zingmonitor/log-levels";
    static final String LOG_LEVELS_PERMISSION = "zingmonitor-log-levels";

    /** Log levels read and changed at run time, on the management interface only. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    RouteBuildItem logLevelsEndpoint(LoggingRecorder recorder, NonApplicationRootPathBuildItem nonApplicationRoot) {
        return nonApplicationRoot.routeBuilder()
                .management()
                .route(LOG_LEVELS_PATH)
                .displayOnNotFoundPage("ZingMonitor log levels (GET lists, PUT changes one)")
                .handler(recorder.logLevelsHandler())
                .build();
    }

    /**
     * With a security extension, Quarkus's own HTTP permission guards the log-level endpoint: every method
     * needs an authenticated caller (401 otherwise), on the management interface when there is one. (A
     * permission limited to PUT and POST would make Quarkus deny the other methods on the path outright.) Defaults only, so a service tightens it ({@code ...permission.zingmonitor-log-levels.policy} to a
     * role policy) or names its own. Authentication itself is the service's to configure
     * ({@code quarkus.management.auth.enabled}, {@code .basic}, an identity provider). Without a security
     * extension the handler refuses every call with a 401.
     */
    @BuildStep
    void logLevelsNeedAnAuthenticatedCaller(Capabilities capabilities, NonApplicationRootPathBuildItem nonApplicationRoot,
            ManagementInterfaceBuildTimeConfig management, BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        if (!capabilities.isPresent(Capability.SECURITY)) {
            return;
        }
        String permission = (management.enabled() ? "quarkus.management.auth.permission." : "quarkus.http.auth.permission.")
                + LOG_LEVELS_PERMISSION + ".";
        String path = management.enabled()
                ? nonApplicationRoot.getManagementRootPath() + LOG_LEVELS_PATH
                : nonApplicationRoot.resolvePath(LOG_LEVELS_PATH);
        defaults.produce(new RunTimeConfigurationDefaultBuildItem(permission + "paths", path));
        defaults.produce(new RunTimeConfigurationDefaultBuildItem(permission + "policy", "authenticated"));
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
