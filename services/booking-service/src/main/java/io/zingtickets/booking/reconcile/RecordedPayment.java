package io.zingtickets.booking.reconcile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * payment-service's answer about one booking: {@code status} is COMPLETED, FAILED (with {@code reason}),
 * PENDING (claimed, outcome not yet recorded) or ABANDONED (never claimed, now never chargeable).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordedPayment(String bookingId, String status, String paymentId, String reason) {
}
