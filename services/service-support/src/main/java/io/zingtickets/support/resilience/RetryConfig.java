package io.zingtickets.support.resilience;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Back-off between attempts at a step that failed because a dependency (PostgreSQL, Kafka, SMTP) was unavailable. */
@ConfigMapping(prefix = "zingtickets.retry")
public interface RetryConfig {

    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("15s")
    Duration maxBackoff();
}
