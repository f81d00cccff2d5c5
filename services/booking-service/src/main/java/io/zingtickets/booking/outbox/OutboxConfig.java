package io.zingtickets.booking.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zingtickets.outbox")
public interface OutboxConfig {

    /**
     * Whether this process relays the outbox to Kafka. Off, events wait in the table (a test uses this to
     * leave rows behind as a process that died before publishing would).
     */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * How often the relay looks for rows nobody woke it for: rows left by a process that died, or by a
     * failed publish. A booking committed by this process wakes the relay at once.
     */
    @WithDefault("500ms")
    Duration pollInterval();

    /** The most rows one relay round publishes; rounds follow each other while rows remain. */
    @WithDefault("256")
    int batchSize();
}
