package io.zingmonitor.runtime.messaging;

import java.util.Map;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Switches SmallRye Reactive Messaging's message observation back on: Quarkus defaults
 * {@code smallrye.messaging.observation.enabled} to {@code false}, which silently leaves every
 * {@code MessageObservationCollector} (ours, and Micrometer's messaging binder) without messages.
 * A source just above the defaults: an application can still set the property to {@code false}.
 */
public class MessageObservationConfigBuilder implements ConfigBuilder {

    static final String OBSERVATION_ENABLED = "smallrye.messaging.observation.enabled";

    @Override
    public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
        return builder.withSources(new PropertiesConfigSource(Map.of(OBSERVATION_ENABLED, "true"),
                "ZingMonitor per-channel message meters", 1));
    }
}
