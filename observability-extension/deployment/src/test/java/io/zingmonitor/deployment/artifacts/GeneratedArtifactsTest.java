package io.zingmonitor.deployment.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.deployment.support.GeneratedFiles;

/** By default a service's build writes its plan, its dashboards with Grafana's data sources, and its rules. */
class GeneratedArtifactsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GeneratedFiles.class))
            .overrideConfigKey("quarkus.application.name", "parcel-service")
            .addBuildChainCustomizer(GeneratedFiles.capture());

    @Test
    void planDashboardsAndRulesAreWritten() {
        assertThat(GeneratedFiles.names()).contains("zingmonitor/plan.json",
                "zingmonitor/dashboards/zingmonitor-parcel-service.json", "zingmonitor/dashboards/zingmonitor-overview.json",
                "zingmonitor/grafana/datasources.yaml", "zingmonitor/prometheus-rules.yml");
    }
}
