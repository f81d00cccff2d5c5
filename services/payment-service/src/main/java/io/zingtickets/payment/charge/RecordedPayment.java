package io.zingtickets.payment.charge;

import io.vertx.mutiny.sqlclient.Row;

/** A booking's row in {@code payments} as the reconciliation endpoint reports it. */
public record RecordedPayment(PaymentStatus status, String paymentId, String failureReason) {

    static RecordedPayment from(Row row) {
        return new RecordedPayment(PaymentStatus.valueOf(row.getString("status")), row.getString("payment_id"),
                row.getString("failure_reason"));
    }
}
