package io.zingmonitor.runtime.context;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/** What ZingMonitor reads off the current request: its route template and its trace. */
public final class RequestAttributes {

    /** Where Quarkus REST's observability integration leaves the matched route template. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private RequestAttributes() {
    }

    /**
     * The route template ({@code /bookings/{id}}), never the raw path, so it is safe as a metric tag
     * or log field; {@code null} when no resource matched.
     */
    public static String routeTemplate(RoutingContext routingContext) {
        if (routingContext == null
                || !(routingContext.request() instanceof HttpServerRequestInternal internal)) {
            return null;
        }
        Object template = internal.context().getLocal(URL_PATH_TEMPLATE);
        return template instanceof String s ? s : null;
    }

    /** The current trace id, or {@code null} outside a sampled or recording span. */
    public static String traceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }
}
