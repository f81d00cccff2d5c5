package io.zingmonitor.deployment.http;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import io.zingmonitor.runtime.context.ClientIdentity;
import io.zingmonitor.runtime.http.BodySizeLimit;
import io.zingmonitor.runtime.http.HttpRecorder;
import io.zingmonitor.runtime.http.PublicApiFilter;
import io.zingmonitor.runtime.http.RequestLog;
import io.zingmonitor.runtime.ratelimit.RateLimiter;
import io.zingmonitor.deployment.ZingMonitorEnabled;

/**
 * The public HTTP port: one route filter ({@link PublicApiFilter}) for the request log, the body-size
 * limit and the per-client rate limit, on the main router only, so the management interface (health,
 * metrics) is never limited. The request log and the rate limit each have a build-time switch
 * ({@link RequestLogEnabled}, {@link RateLimitEnabled}): off, their bean is not in the application.
 */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class HttpProcessor {

    /**
     * Ahead of Quarkus's own body-size check (route order -2), which answers 413 with an empty body,
     * and behind the OpenMetrics negotiation (3000).
     */
    static final int PUBLIC_API_FILTER_PRIORITY = 2000;

    @BuildStep
    AdditionalBeanBuildItem httpBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ClientIdentity.class, BodySizeLimit.class, PublicApiFilter.class)
                .setUnremovable()
                .build();
    }

    @BuildStep(onlyIf = RequestLogEnabled.class)
    AdditionalBeanBuildItem requestLog() {
        return AdditionalBeanBuildItem.unremovableOf(RequestLog.class);
    }

    @BuildStep(onlyIf = RateLimitEnabled.class)
    AdditionalBeanBuildItem rateLimit() {
        return AdditionalBeanBuildItem.unremovableOf(RateLimiter.class);
    }

    /** A developer sees every request; production budgets and samples successes and refusals (the mapping's defaults). */
    @BuildStep(onlyIf = RequestLogEnabled.class)
    void everyRequestLoggedInDevAndTest(LaunchModeBuildItem launchMode,
            BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        if (launchMode.getLaunchMode().isDevOrTest()) {
            defaults.produce(new RunTimeConfigurationDefaultBuildItem("zingmonitor.request-log.success-sample-rate", "1"));
            defaults.produce(new RunTimeConfigurationDefaultBuildItem("zingmonitor.request-log.refusal-sample-rate", "1"));
        }
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    FilterBuildItem publicApiFilter(HttpRecorder recorder) {
        return new FilterBuildItem(recorder.filter(PublicApiFilter.class), PUBLIC_API_FILTER_PRIORITY);
    }
}
