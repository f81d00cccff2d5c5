package io.zingtickets.booking.reconcile;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/** Asks payment-service's internal reconciliation endpoint (on its management port) about one booking. */
@ApplicationScoped
public class PaymentRecordsClient {

    private final HttpClient client;
    private final ReconcilerConfig config;
    private final ObjectMapper json;

    PaymentRecordsClient(Vertx vertx, ReconcilerConfig config, ObjectMapper json) {
        this.client = vertx.createHttpClient();
        this.config = config;
        this.json = json;
    }

    void onStop(@Observes ShutdownEvent event) {
        client.closeAndForget();
    }

    /**
     * What payment-service recorded for this booking; when nothing, payment-service records it ABANDONED
     * in the same statement, so this call is not read-only: only the reconciler makes it.
     */
    public Uni<RecordedPayment> reconcile(UUID bookingId) {
        long timeout = config.requestTimeout().toMillis();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.paymentServiceUrl() + "/internal/payments/" + bookingId + "/reconciliation")
                .setConnectTimeout(timeout).setIdleTimeout(timeout);
        return client.request(request)
                .chain(sent -> sent.send())
                .chain(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("payment-service answered " + response.statusCode());
                    }
                    try {
                        return json.readValue(body.getBytes(), RecordedPayment.class);
                    } catch (java.io.IOException unreadable) {
                        throw new IllegalStateException("payment-service's answer is not a payment record", unreadable);
                    }
                }))
                .ifNoItem().after(config.requestTimeout()).failWith(() -> new IllegalStateException(
                        "payment-service did not answer within " + config.requestTimeout()));
    }
}
