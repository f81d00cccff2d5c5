package io.zingtickets.payment.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zingtickets.payment.charge.PaymentService;
import io.zingtickets.payment.charge.RecordedPayment;

/**
 * {@code POST /internal/payments/{bookingId}/reconciliation}: booking-service's reconciler asks what
 * became of a booking it has waited too long for. The answer is the payment on record, or ABANDONED,
 * recorded by this very call, when no payment was ever claimed: a {@code booking.requested} arriving
 * later is refused, never charged. It changes state, so it is served on the management port, which
 * only the cluster reaches (Prometheus, probes, other services), never on the public API port.
 */
@ApplicationScoped
public class ReconciliationRoute {

    static final String PATH = "/internal/payments/:bookingId/reconciliation";
    private static final Logger LOG = Logger.getLogger(ReconciliationRoute.class);

    private final PaymentService payments;
    private final MeterRegistry registry;

    ReconciliationRoute(PaymentService payments, MeterRegistry registry) {
        this.payments = payments;
        this.registry = registry;
    }

    void register(@Observes ManagementInterface management) {
        management.router().route(HttpMethod.POST, PATH).handler(this::reconcile);
    }

    private void reconcile(RoutingContext context) {
        UUID bookingId;
        try {
            bookingId = UUID.fromString(context.pathParam("bookingId"));
        } catch (IllegalArgumentException notAUuid) {
            problem(context, 400, "Invalid booking id", "bookingId must be a UUID", "bookingId");
            return;
        }
        payments.reconcile(bookingId).subscribe().with(recorded -> {
            registry.counter("zingtickets.payment.reconciliations", "status", recorded.status().name()).increment();
            context.response().putHeader("Content-Type", "application/json").end(body(bookingId, recorded).encode());
        }, failure -> {
            LOG.warnf("Reconciliation of booking %s not answered: %s", bookingId, failure.toString());
            problem(context, 503, "Payment records unavailable", "The payment database did not answer; ask again later.",
                    null);
        });
    }

    private static JsonObject body(UUID bookingId, RecordedPayment recorded) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("bookingId", bookingId.toString());
        fields.put("status", recorded.status().name());
        if (recorded.paymentId() != null) {
            fields.put("paymentId", recorded.paymentId());
        }
        if (recorded.failureReason() != null) {
            fields.put("reason", recorded.failureReason());
        }
        return new JsonObject(fields);
    }

    private static void problem(RoutingContext context, int status, String title, String detail, String field) {
        JsonObject problem = new JsonObject().put("type", "urn:problem-type:zingtickets:" + (status == 400 ? "invalid-booking-id"
                : "payment-records-unavailable")).put("title", title).put("status", status).put("detail", detail);
        if (field != null) {
            problem.put("field", field);
        }
        context.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(problem.encode());
    }
}
