package io.zingmonitor.deployment.devui;

import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.zingmonitor.deployment.ZingMonitorEnabled;
import io.zingmonitor.deployment.plan.TelemetryPlanBuildItem;

/** A Dev UI card showing the telemetry plan: what this service emits, known before it runs. */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class ZingMonitorDevUIProcessor {

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem telemetryPlanCard(TelemetryPlanBuildItem planItem) {
        var plan = planItem.getPlan();
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("endpoints", plan.endpoints());
        card.addBuildTimeData("channels", plan.channels());
        card.addBuildTimeData("operations", plan.operations());
        card.addBuildTimeData("sensitiveFields", plan.sensitiveFields());
        card.addBuildTimeData("meters", plan.meters());
        card.addBuildTimeData("plan", plan);
        card.addPage(Page.tableDataPageBuilder("Endpoints").icon("font-awesome-solid:route")
                .buildTimeDataKey("endpoints").showColumn("method").showColumn("route").showColumn("handler")
                .staticLabel(String.valueOf(plan.endpoints().size())));
        card.addPage(Page.tableDataPageBuilder("Channels").icon("font-awesome-solid:right-left")
                .buildTimeDataKey("channels").showColumn("direction").showColumn("name").showColumn("topic")
                .staticLabel(String.valueOf(plan.channels().size())));
        card.addPage(Page.tableDataPageBuilder("Business operations").icon("font-awesome-solid:briefcase")
                .buildTimeDataKey("operations").showColumn("name").showColumn("attributes").showColumn("handler")
                .staticLabel(String.valueOf(plan.operations().size())));
        card.addPage(Page.tableDataPageBuilder("Sensitive fields").icon("font-awesome-solid:user-secret")
                .buildTimeDataKey("sensitiveFields").showColumn("type").showColumn("field").showColumn("reason")
                .staticLabel(String.valueOf(plan.sensitiveFields().size())));
        card.addPage(Page.tableDataPageBuilder("Meters").icon("font-awesome-solid:gauge")
                .buildTimeDataKey("meters").showColumn("name").showColumn("type").showColumn("tags"));
        card.addPage(Page.rawDataPageBuilder("Plan (JSON)").icon("font-awesome-solid:file-code")
                .buildTimeDataKey("plan"));
        return card;
    }
}
