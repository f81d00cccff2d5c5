package io.zingtickets.booking.messaging;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What booking-service needs of {@code payment.completed} and {@code payment.failed}; other fields
 * of the contract are ignored, so payment may add fields without breaking this consumer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentOutcome(@NotNull UUID bookingId, String reason) {
}
