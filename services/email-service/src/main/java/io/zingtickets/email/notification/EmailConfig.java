package io.zingtickets.email.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zingtickets.email")
public interface EmailConfig {

    /**
     * How long a claim to send a booking's email protects it. A claim still unfinished after this is
     * taken to belong to an instance that died, and the email is sent again. Must be well above
     * {@code quarkus.mailer.timeout}, or a slow but alive sender would be overtaken.
     */
    @WithDefault("2m")
    Duration claimLease();
}
