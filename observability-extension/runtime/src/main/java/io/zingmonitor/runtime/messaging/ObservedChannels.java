package io.zingmonitor.runtime.messaging;

import java.util.Set;

/**
 * The reactive-messaging channels of the telemetry plan: the only ones whose messages are counted.
 * A synthetic bean, recorded at static init.
 */
public final class ObservedChannels {

    private final Set<String> names;

    public ObservedChannels(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    boolean contains(String channel) {
        return names.contains(channel);
    }
}
