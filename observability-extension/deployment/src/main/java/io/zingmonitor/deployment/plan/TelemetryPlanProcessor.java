package io.zingmonitor.deployment.plan;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ApplicationIndexBuildItem;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.zingmonitor.deployment.ZingMonitorEnabled;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.runtime.plan.TelemetryPlan;
import io.zingmonitor.runtime.plan.TelemetryPlanRecorder;

/**
 * Discovers what the service contains and turns it into the telemetry plan, then publishes the plan
 * as a build artifact ({@code target/zingmonitor/plan.json}) and on the management interface
 * ({@code /q/zingmonitor}).
 */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class TelemetryPlanProcessor {

    static final String ARTIFACT = "zingmonitor/plan.json";

    @BuildStep
    void observedMethods(CombinedIndexBuildItem combinedIndex, BuildProducer<ObservedMethodBuildItem> observedMethods) {
        OperationDiscovery.discover(combinedIndex.getIndex()).forEach(observedMethods::produce);
    }

    @BuildStep
    TelemetryPlanBuildItem plan(CombinedIndexBuildItem combinedIndex, ApplicationIndexBuildItem applicationIndex,
            ApplicationInfoBuildItem application, List<ObservedMethodBuildItem> observedMethods,
            ZingMonitorBuildTimeConfig config) {
        var endpoints = EndpointDiscovery.discover(combinedIndex.getIndex());
        var channels = ChannelDiscovery.discover(combinedIndex.getIndex(), ConfigProvider.getConfig());
        var operations = observedMethods.stream()
                .map(m -> new TelemetryPlan.Operation(m.getOperation(), m.getHandler(), m.getAttributes()))
                .sorted(Comparator.comparing(TelemetryPlan.Operation::name).thenComparing(TelemetryPlan.Operation::handler))
                .toList();
        var sensitive = SensitiveFieldDiscovery.discover(applicationIndex.getIndex(),
                Pattern.compile(config.redaction().fieldNames()));
        TelemetryPlan plan = new TelemetryPlan(application.getName(), application.getVersion(), endpoints, channels,
                operations, sensitive, PlannedMeters.meters(endpoints, channels, operations,
                        config.messaging().enabled()));
        return new TelemetryPlanBuildItem(plan, toJson(plan));
    }

    @BuildStep
    GeneratedFileSystemResourceBuildItem planArtifact(TelemetryPlanBuildItem plan) {
        return new GeneratedFileSystemResourceBuildItem(ARTIFACT, plan.getJson().getBytes(StandardCharsets.UTF_8));
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    RouteBuildItem planEndpoint(TelemetryPlanRecorder recorder, NonApplicationRootPathBuildItem nonApplicationRoot,
            TelemetryPlanBuildItem plan) {
        return nonApplicationRoot.routeBuilder()
                .management()
                .route("zingmonitor")
                .displayOnNotFoundPage("ZingMonitor telemetry plan")
                .handler(recorder.planHandler(plan.getJson()))
                .build();
    }

    private static String toJson(TelemetryPlan plan) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize the telemetry plan", e);
        }
    }
}
