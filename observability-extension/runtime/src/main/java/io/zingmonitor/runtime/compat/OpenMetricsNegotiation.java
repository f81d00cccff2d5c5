package io.zingmonitor.runtime.compat;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets Prometheus get the OpenMetrics format, the only one that carries exemplars. Quarkus's
 * Prometheus endpoint answers the old text format whenever {@code Accept} mentions
 * {@code text/plain} at all, and Prometheus always lists it as a fallback
 * ({@code application/openmetrics-text;version=1.0.0,...,text/plain;version=0.0.4;q=0.5,...}), so
 * exemplars never reached Prometheus (and its OpenMetrics route only matches an {@code Accept}
 * naming all of its parameters). A filter ahead of the endpoint narrows such a header to exactly the
 * OpenMetrics type the endpoint produces; clients preferring text are left alone.
 */
public final class OpenMetricsNegotiation implements Handler<RoutingContext> {

    static final String OPENMETRICS = "application/openmetrics-text";

    @Override
    public void handle(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(OPENMETRICS) && prefersOpenMetrics(accept)) {
            // Exactly what the endpoint's route declares it produces: Vert.x matches the parameters too.
            context.request().headers().set(HttpHeaders.ACCEPT, OPENMETRICS + "; version=1.0.0; charset=utf-8");
        }
        context.next();
    }

    /** True when OpenMetrics has the highest quality factor among the listed types (ties go to OpenMetrics). */
    public static boolean prefersOpenMetrics(String accept) {
        double openMetrics = -1;
        double other = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            double quality = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            if (parts[0].trim().equalsIgnoreCase(OPENMETRICS)) {
                openMetrics = Math.max(openMetrics, quality);
            } else {
                other = Math.max(other, quality);
            }
        }
        return openMetrics > 0 && openMetrics >= other;
    }
}
