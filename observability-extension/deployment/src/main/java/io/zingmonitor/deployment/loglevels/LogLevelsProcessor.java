package io.zingmonitor.deployment.loglevels;

import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.vertx.http.runtime.management.ManagementInterfaceBuildTimeConfig;
import io.zingmonitor.runtime.logging.LoggingRecorder;
import io.zingmonitor.deployment.ZingMonitorEnabled;

/** Log levels read and changed at run time by an authenticated caller ({@code zingmonitor.log-levels.enabled}). */
@BuildSteps(onlyIf = { ZingMonitorEnabled.class, LogLevelsEnabled.class })
class LogLevelsProcessor {

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

}
