package io.zingmonitor.runtime.messaging;

import java.util.Set;

import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class MessagingRecorder {

    /** Static init: the channels are fixed by the code and its build-time configuration. */
    public void observedChannels(Set<String> channels) {
        ObservedChannels.register(channels);
    }
}
