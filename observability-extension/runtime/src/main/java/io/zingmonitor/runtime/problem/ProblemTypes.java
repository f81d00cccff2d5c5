package io.zingmonitor.runtime.problem;

/**
 * Stable problem type identifiers. Clients switch on these, so a slug never changes meaning once
 * published.
 */
public final class ProblemTypes {

    /** Prefix of every problem {@code type}; a URN needs no web page behind it to stay stable. */
    public static final String BASE = "urn:problem-type:zingtickets:";

    private ProblemTypes() {
    }

    public static String uri(String slug) {
        return slug.contains(":") ? slug : BASE + slug;
    }

    /** {@code urn:problem-type:zingtickets:sold-out} back to {@code sold-out}. */
    public static String slug(String type) {
        return type.startsWith(BASE) ? type.substring(BASE.length()) : type.substring(type.lastIndexOf(':') + 1);
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
