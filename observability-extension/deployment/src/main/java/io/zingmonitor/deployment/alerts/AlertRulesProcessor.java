package io.zingmonitor.deployment.alerts;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;
import io.zingmonitor.deployment.ZingMonitorEnabled;
import io.zingmonitor.deployment.plan.TelemetryPlanBuildItem;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** Writes the service's Prometheus rules to {@code target/zingmonitor/prometheus-rules.yml}. */
@BuildSteps(onlyIf = { ZingMonitorEnabled.class, AlertsEnabled.class })
class AlertRulesProcessor {

    static final String ARTIFACT = "zingmonitor/prometheus-rules.yml";

    @BuildStep
    GeneratedFileSystemResourceBuildItem prometheusRules(TelemetryPlanBuildItem plan, ZingMonitorBuildTimeConfig config) {
        return new GeneratedFileSystemResourceBuildItem(ARTIFACT, new AlertRuleGenerator(plan.getPlan(), config).ruleFile());
    }
}
