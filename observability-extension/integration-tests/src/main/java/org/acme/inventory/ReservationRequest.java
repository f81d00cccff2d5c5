package org.acme.inventory;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import io.zingmonitor.Sensitive;

/** A request to hold stock for an order; the buyer's account number must never reach a log or span. */
public record ReservationRequest(@Min(1) int quantity, @NotBlank @Sensitive String accountNumber) {
}
