package io.zingmonitor.deployment.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.deployment.support.GeneratedFiles;

/**
 * {@code zingmonitor.dashboards.enabled=false} and {@code zingmonitor.alerts.enabled=false} (build time):
 * only the plan is written, where {@link GeneratedArtifactsTest} shows dashboards and rules beside it.
 */
class GeneratedArtifactsDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GeneratedFiles.class))
            .overrideConfigKey("quarkus.application.name", "parcel-service")
            .overrideConfigKey("zingmonitor.dashboards.enabled", "false")
            .overrideConfigKey("zingmonitor.alerts.enabled", "false")
            .addBuildChainCustomizer(GeneratedFiles.capture());

    @Test
    void onlyThePlanIsWritten() {
        assertThat(GeneratedFiles.names()).filteredOn(name -> name.startsWith("zingmonitor/"))
                .containsExactly("zingmonitor/plan.json");
    }
}
