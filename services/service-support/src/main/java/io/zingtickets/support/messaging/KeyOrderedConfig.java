package io.zingtickets.support.messaging;

import jakarta.validation.constraints.Positive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much work one Kafka consumer of a channel keeps in flight ({@link KeyOrderedConsumption}). With
 * {@code mp.messaging.incoming.<channel>.concurrency=C}, a service has C consumers per channel, so up to
 * C x {@link #lanes()} records of that channel are processed at once.
 */
@ConfigMapping(prefix = "zingtickets.consumer")
public interface KeyOrderedConfig {

    /**
     * Lanes per consumer: records are spread over the lanes by the hash of their key; each lane processes
     * its records one after the other, the lanes run side by side. The most records one consumer processes
     * at once; a time-bound step (a 50 ms gateway call) gets through about lanes / step-time records per second.
     */
    @WithDefault("32")
    @Positive
    int lanes();

    /**
     * Records one consumer holds, fetched but not yet started, across all its lanes. When they are all
     * taken, the consumer stops asking Kafka for more (and the connector pauses its partitions), so memory
     * and the work owed after a crash stay bounded.
     */
    @WithDefault("256")
    @Positive
    int buffer();
}
