package io.zingmonitor.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/** Announces the extension; the feature processors hang off the same switch. */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class ZingMonitorProcessor {

    static final String FEATURE = "zingmonitor";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }
}
