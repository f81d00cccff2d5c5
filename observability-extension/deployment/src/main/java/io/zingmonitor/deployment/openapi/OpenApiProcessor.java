package io.zingmonitor.deployment.openapi;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;
import io.zingmonitor.deployment.OpenApiEnabled;
import io.zingmonitor.deployment.ZingMonitorEnabled;

/** The answers ZingMonitor gives (429, 413, 415 with the problem schema) in the service's OpenAPI document. */
@BuildSteps(onlyIf = { ZingMonitorEnabled.class, OpenApiEnabled.class })
class OpenApiProcessor {

    @BuildStep
    void problemResponses(Capabilities capabilities, BuildProducer<AddToOpenAPIDefinitionBuildItem> filters) {
        if (!capabilities.isPresent(Capability.SMALLRYE_OPENAPI)) {
            return;
        }
        // The document is built once, at build time, while the rate limit's settings are run-time: the
        // settings the build sees (application.properties and defaults) describe the packaged service.
        var config = ConfigProvider.getConfig();
        boolean rateLimited = config.getOptionalValue("zingmonitor.rate-limit.enabled", Boolean.class).orElse(true);
        List<String> excluded = config.getOptionalValues("zingmonitor.rate-limit.excluded-paths", String.class)
                .orElse(List.of("/q/"));
        filters.produce(new AddToOpenAPIDefinitionBuildItem(new ProblemResponsesFilter(rateLimited, excluded)));
    }
}
