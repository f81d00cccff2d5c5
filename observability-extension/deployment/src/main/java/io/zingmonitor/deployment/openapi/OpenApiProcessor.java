package io.zingmonitor.deployment.openapi;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;
import io.zingmonitor.deployment.ZingMonitorEnabled;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** The answers ZingMonitor gives (429, 413, 415 with the problem schema) in the service's OpenAPI document. */
@BuildSteps(onlyIf = { ZingMonitorEnabled.class, OpenApiEnabled.class })
class OpenApiProcessor {

    @BuildStep
    void problemResponses(Capabilities capabilities, ZingMonitorBuildTimeConfig buildTime,
            BuildProducer<AddToOpenAPIDefinitionBuildItem> filters) {
        if (!capabilities.isPresent(Capability.SMALLRYE_OPENAPI)) {
            return;
        }
        boolean rateLimited = buildTime.rateLimit().enabled();
        // The document is built once, at build time, while the excluded paths are a run-time setting: the
        // value the build sees (application.properties and defaults) describes the packaged service.
        List<String> excluded = ConfigProvider.getConfig()
                .getOptionalValues("zingmonitor.rate-limit.excluded-paths", String.class).orElse(List.of("/q/"));
        filters.produce(new AddToOpenAPIDefinitionBuildItem(new ProblemResponsesFilter(rateLimited, excluded,
                buildTime.problem().enabled() && capabilities.isPresent(Capability.REST))));
    }
}
