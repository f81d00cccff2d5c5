package io.zingmonitor.deployment.dashboards;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;
import io.zingmonitor.deployment.ZingMonitorEnabled;
import io.zingmonitor.deployment.plan.TelemetryPlanBuildItem;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/**
 * Writes Grafana dashboards to {@code target/zingmonitor/dashboards/}: the service's own, and the
 * overview and abuse dashboards, unless {@code zingmonitor.dashboards.overview.enabled} leaves those to
 * another service's build.
 */
@BuildSteps(onlyIf = { ZingMonitorEnabled.class, DashboardsEnabled.class })
class DashboardsProcessor {

    static final String DIRECTORY = "zingmonitor/dashboards/";
    static final String DATASOURCES = "zingmonitor/grafana/datasources.yaml";

    @BuildStep
    void dashboards(TelemetryPlanBuildItem plan, ZingMonitorBuildTimeConfig config,
            BuildProducer<GeneratedFileSystemResourceBuildItem> files) {
        var generator = new DashboardGenerator(config);
        List<ObjectNode> dashboards = config.dashboards().overview().enabled()
                ? List.of(generator.service(plan.getPlan()), generator.overview(), generator.abuse())
                : List.of(generator.service(plan.getPlan()));
        for (ObjectNode dashboard : dashboards) {
            files.produce(new GeneratedFileSystemResourceBuildItem(DIRECTORY + dashboard.get("uid").asText() + ".json",
                    json(dashboard)));
        }
    }

    /** Beside the dashboards: without it, Grafana shows exemplars but cannot link them to Jaeger. */
    @BuildStep
    GeneratedFileSystemResourceBuildItem datasources(ZingMonitorBuildTimeConfig config) {
        return new GeneratedFileSystemResourceBuildItem(DATASOURCES,
                GrafanaDatasources.yaml(config.dashboards().prometheusUrl(), config.dashboards().jaegerUrl())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static byte[] json(ObjectNode dashboard) {
        try {
            return (new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(dashboard) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a dashboard", e);
        }
    }
}
