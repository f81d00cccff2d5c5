package io.zingmonitor.deployment.support;

import java.util.Map;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;

/** The build-time configuration a service with these properties gets, for the generators' unit tests. */
public final class BuildTimeConfigs {

    private BuildTimeConfigs() {
    }

    public static ZingMonitorBuildTimeConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ZingMonitorBuildTimeConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValues(properties)
                .build();
        return config.getConfigMapping(ZingMonitorBuildTimeConfig.class);
    }
}
