package io.zingmonitor.runtime.messaging;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.observation.DefaultMessageObservation;
import io.smallrye.reactive.messaging.observation.MessageObservation;
import io.smallrye.reactive.messaging.observation.MessageObservationCollector;
import io.smallrye.reactive.messaging.observation.ObservationContext;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;

/**
 * Counts and times every message of the channels in the telemetry plan, through SmallRye Reactive
 * Messaging's observation SPI: the connector's incoming messages from arrival until they are acked or
 * nacked (the processing time), and outgoing messages until the broker acknowledges them. A channel
 * the plan does not list is not observed, so the {@code channel} tag stays bounded.
 * <p>
 * An alternative with a priority, so that it is the one collector SmallRye resolves even when
 * Quarkus's own Micrometer messaging binder is switched on as well.
 */
@Alternative
@Priority(1)
@Singleton
public class ChannelMetricsCollector implements MessageObservationCollector<ChannelMetricsCollector.ChannelMeters> {

    @Inject
    MeterRegistry registry;

    @Inject
    ObservedChannels observedChannels;

    @Override
    public ChannelMeters initObservation(String channel, boolean incoming, boolean emitter) {
        String planned = plannedChannel(channel);
        if (!observedChannels.contains(planned)) {
            return null; // not in the plan: not observed
        }
        return new ChannelMeters(registry, planned, incoming ? "incoming" : "outgoing");
    }

    /**
     * With {@code mp.messaging.incoming.<channel>.concurrency=N}, SmallRye wires N copies of the channel
     * named {@code <channel>$1} to {@code <channel>$N}: they are one channel of the plan, and share its
     * meters, so the {@code channel} tag neither splits nor grows with the concurrency.
     */
    static String plannedChannel(String channel) {
        int copy = channel.indexOf('$');
        return copy < 0 ? channel : channel.substring(0, copy);
    }

    @Override
    public MessageObservation onNewMessage(String channel, Message<?> message, ChannelMeters meters) {
        return new DefaultMessageObservation(channel);
    }

    /** The meters of one channel, created once when SmallRye wires the channel. */
    public static final class ChannelMeters implements ObservationContext {
        private final Counter succeeded;
        private final Counter failed;
        private final Timer processing;

        ChannelMeters(MeterRegistry registry, String channel, String direction) {
            this.succeeded = counter(registry, channel, direction, "success");
            this.failed = counter(registry, channel, direction, "failure");
            this.processing = MeterCatalogue.MESSAGE_PROCESSING.timer()
                    .tags("channel", channel, "direction", direction)
                    .register(registry);
        }

        private static Counter counter(MeterRegistry registry, String channel, String direction, String outcome) {
            return MeterCatalogue.MESSAGES.counter()
                    .tags("channel", channel, "direction", direction, "outcome", outcome)
                    .register(registry);
        }

        @Override
        public void complete(MessageObservation observation) {
            (observation.getReason() == null ? succeeded : failed).increment();
            processing.record(observation.getCompletionDuration());
        }
    }
}
