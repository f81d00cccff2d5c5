package io.zingmonitor.runtime.messaging;

import java.util.Set;

/** The reactive-messaging channels of the telemetry plan: the only ones whose messages are counted. */
public final class ObservedChannels {

    private static volatile Set<String> names = Set.of();

    private ObservedChannels() {
    }

    static void register(Set<String> channels) {
        names = Set.copyOf(channels);
    }

    static Set<String> names() {
        return names;
    }
}
