package io.zingmonitor.runtime.http;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.ext.web.RoutingContext;

/**
 * Carries the request's hashed client id as W3C baggage ({@code zingmonitor.client.id}) for as long
 * as the request is handled, so the Kafka (and HTTP client) instrumentation propagates it with the
 * trace context and consumers can log it. Only the hash travels, never the key or the address.
 */
public final class ClientIdBaggage {

    public static final String KEY = "zingmonitor.client.id";

    private ClientIdBaggage() {
    }

    /**
     * Makes the baggage current on the request's Vert.x context; the scope closes before the
     * response headers go out, inside the server span's own scope, so the contexts unwind in order.
     */
    public static void attach(RoutingContext request, String clientId) {
        Context current = Context.current();
        Scope scope = current.with(Baggage.fromContext(current).toBuilder().put(KEY, clientId).build()).makeCurrent();
        request.addHeadersEndHandler(ignored -> scope.close());
    }
}
