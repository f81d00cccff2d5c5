package io.zingmonitor.runtime.http;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig;
import io.zingmonitor.runtime.problem.ProblemResponses;
import io.zingmonitor.runtime.problem.ProblemTypes;

/**
 * Answers a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with a
 * 413 problem, before Quarkus's own limit check would end it with an empty body. Bodies without a
 * declared length are still cut off by Quarkus.
 */
@Singleton
public class BodySizeLimit {

    private final Buffer body;
    private final long limit;

    @Inject
    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ZingMonitorRuntimeConfig config) {
        this.limit = limit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.body = Buffer.buffer("{\"type\":\"" + ProblemTypes.uri(config.problem().typePrefix(), "payload-too-large") + "\","
                + "\"title\":\"Payload Too Large\",\"status\":413,"
                + "\"detail\":\"The request body is larger than this service accepts.\"}");
    }

    /** Whether the request may go on; when not, it has been answered with 413. */
    public boolean admits(RoutingContext context) {
        if (limit == Long.MAX_VALUE) {
            return true;
        }
        String length = context.request().getHeader("Content-Length");
        if (length != null && declaredLength(length) > limit) {
            context.response().setStatusCode(413)
                    .putHeader("Content-Type", ProblemResponses.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(body);
            return false;
        }
        return true;
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // malformed: Vert.x rejects it itself
        }
    }
}
