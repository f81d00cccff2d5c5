package io.zingmonitor.runtime.messaging;

import java.util.Set;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class MessagingRecorder {

    /** Static init: the channels are fixed by the code and its build-time configuration. */
    public Supplier<ObservedChannels> observedChannels(Set<String> channels) {
        return () -> new ObservedChannels(channels);
    }
}
