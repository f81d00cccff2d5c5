package io.zingtickets.email.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zingtickets.email")
public interface EmailConfig {

    /**
     * How long a claim to send a booking's email protects it. A claim still unfinished after this is
     * taken to belong to an instance that died, and the email is sent again (never by the instance whose
     * attempt is still running: see {@link NotificationService}).
     */
    @WithDefault("2m")
    Duration claimLease();

    /**
     * How long the SMTP server may take to accept an email before the attempt counts as failed
     * ({@code zingtickets_email_send_failures_total}) and the delivery is retried. The attempt is not
     * abandoned: it holds its claim until the server answers or the connection fails, so the retry sends
     * nothing meanwhile. The Quarkus mailer bounds only its blocking API ({@code quarkus.mailer.timeout});
     * without this a hung server would be counted nowhere.
     */
    @WithDefault("10s")
    Duration sendTimeout();
}
