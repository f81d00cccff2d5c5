package io.zingmonitor.runtime.config;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * ZingMonitor settings fixed at build time: they decide which beans, interceptors and meters exist
 * in the application at all.
 */
@ConfigMapping(prefix = "zingmonitor")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface ZingMonitorBuildTimeConfig {

    /**
     * Whether ZingMonitor instruments the application. {@code false} removes every ZingMonitor bean,
     * interceptor and meter, leaving plain Quarkus (the baseline of the overhead benchmark).
     */
    @WithDefault("true")
    boolean enabled();

    /** Which fields count as sensitive. */
    Redaction redaction();

    interface Redaction {
        /**
         * Field names (a regular expression matched against the whole name) treated as sensitive
         * without a {@code @Sensitive} annotation.
         */
        @WithDefault("(?i)(.*password.*|.*passwd.*|.*secret.*|.*token.*|authorization|cvc2?|cvv2?|iban|card_?number|pan|pin)")
        String fieldNames();
    }
}
