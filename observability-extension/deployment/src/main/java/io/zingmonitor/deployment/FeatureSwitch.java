package io.zingmonitor.deployment;

import java.util.function.BooleanSupplier;

/**
 * A build-time switch of one ZingMonitor feature, for {@code @BuildSteps(onlyIf = ...)} or
 * {@code @BuildStep(onlyIf = ...)}, as Quarkus's micrometer extension gates its binders. Each subclass
 * reads its {@code zingmonitor.<feature>.enabled} key from the build-time configuration it is given.
 * A feature's processor is gated by {@link ZingMonitorEnabled} as well.
 */
public abstract class FeatureSwitch implements BooleanSupplier {

    private final boolean on;

    protected FeatureSwitch(boolean on) {
        this.on = on;
    }

    @Override
    public final boolean getAsBoolean() {
        return on;
    }
}
