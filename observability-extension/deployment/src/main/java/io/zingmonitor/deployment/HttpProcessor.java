package io.zingmonitor.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import io.zingmonitor.runtime.http.BodySizeLimitHandler;
import io.zingmonitor.runtime.http.ClientIdentity;
import io.zingmonitor.runtime.http.HttpRecorder;
import io.zingmonitor.runtime.http.RequestLogHandler;
import io.zingmonitor.runtime.ratelimit.RateLimitHandler;

/**
 * The public HTTP port: one log line per request, then the per-client rate limit. Both are route
 * filters on the main router only, so the management interface (health, metrics) is never limited.
 */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class HttpProcessor {

    /** Ahead of the rate limit, so rejected requests are logged too. */
    static final int REQUEST_LOG_PRIORITY = 2000;
    static final int BODY_SIZE_LIMIT_PRIORITY = 1950;
    static final int RATE_LIMIT_PRIORITY = 1900;

    @BuildStep
    AdditionalBeanBuildItem httpBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ClientIdentity.class, RequestLogHandler.class, BodySizeLimitHandler.class, RateLimitHandler.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    FilterBuildItem requestLog(HttpRecorder recorder) {
        return new FilterBuildItem(recorder.filter(RequestLogHandler.class), REQUEST_LOG_PRIORITY);
    }

    /** Before Quarkus's own check (route order -2), which answers 413 with an empty body. */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    FilterBuildItem bodySizeLimit(HttpRecorder recorder) {
        return new FilterBuildItem(recorder.filter(BodySizeLimitHandler.class), BODY_SIZE_LIMIT_PRIORITY);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    FilterBuildItem rateLimit(HttpRecorder recorder) {
        return new FilterBuildItem(recorder.filter(RateLimitHandler.class), RATE_LIMIT_PRIORITY);
    }
}
