package io.zingmonitor.runtime.problem;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.config.SmallRyeConfig;
import io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig;

/**
 * Stable problem type identifiers. Clients switch on these, so a slug never changes meaning once
 * published. Code names a problem by its slug ({@code sold-out}); it is answered under the product's
 * {@code zingmonitor.problem.type-prefix}.
 */
public final class ProblemTypes {

    private ProblemTypes() {
    }

    /** {@code sold-out} under {@code prefix}; a type that already is a URI (it has a colon) stays as it is. */
    public static String uri(String prefix, String slug) {
        return slug.contains(":") ? slug : prefix + slug;
    }

    /** {@code urn:problem-type:acme:sold-out} (or {@code https://acme.example/problems/sold-out}) back to {@code sold-out}. */
    public static String slug(String type) {
        return type.substring(Math.max(type.lastIndexOf(':'), type.lastIndexOf('/')) + 1);
    }

    /**
     * The running application's {@code zingmonitor.problem.type-prefix}. Read where a problem is
     * answered, which is rare, rather than kept in a static field: a {@code io.zingmonitor.ProblemException} is built
     * by application code that has no bean at hand. Outside a Quarkus application there is none: the
     * slug alone is the type.
     */
    public static String prefix() {
        try {
            return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(ZingMonitorRuntimeConfig.class)
                    .problem().typePrefix();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The slug for an HTTP status the framework raised itself (unknown route, wrong media type...). */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "service-unavailable";
            default -> status >= 500 ? "internal-error" : "client-error";
        };
    }
}
