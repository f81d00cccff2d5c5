package io.zingtickets.support.resilience;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.zingmonitor.runtime.redaction.SensitiveValueRedactor;

/**
 * Retries one step against PostgreSQL, Kafka or SMTP until it succeeds. A message must not be dropped
 * because a dependency was briefly away, and its partition waits in the meantime, keeping per-booking
 * order. Only failures caused by the data itself are given up on, so they can be dead-lettered.
 */
@ApplicationScoped
public class TransientFailureRetry {

    private static final Logger LOG = Logger.getLogger(TransientFailureRetry.class);
    private static final SensitiveValueRedactor REDACTOR = new SensitiveValueRedactor(true);

    private final RetryConfig config;

    TransientFailureRetry(RetryConfig config) {
        this.config = config;
    }

    public <T> Uni<T> retrying(Uni<T> step, String stepName) {
        return step
                .onFailure(TransientFailureRetry::isTransient)
                // SMTP replies may quote the recipient: failures are logged with secrets and addresses masked.
                .invoke(failure -> LOG.warnf("%s failed, will retry: %s", stepName,
                        REDACTOR.redact(failure.toString())))
                .onFailure(TransientFailureRetry::isTransient)
                .retry().withBackOff(config.initialBackoff(), config.maxBackoff()).indefinitely();
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof PermanentFailure) {
            return false;
        }
        // SQLSTATE classes 22 (data exception) and 23 (integrity violation) reject the row itself.
        return !(failure instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23")));
    }
}
