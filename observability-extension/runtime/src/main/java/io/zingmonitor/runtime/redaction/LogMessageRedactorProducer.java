package io.zingmonitor.runtime.redaction;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig;

/**
 * The scanner of log messages, a bean only when redaction is switched on at build time
 * ({@code zingmonitor.redaction.enabled}): the log filter finds none otherwise and leaves messages as
 * they are.
 */
@Singleton
public class LogMessageRedactorProducer {

    @Produces
    @Singleton
    SensitiveValueRedactor logMessageRedactor(ZingMonitorRuntimeConfig config) {
        return new SensitiveValueRedactor(config.redaction().maskEmails());
    }
}
