package io.zingtickets.email.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.zingmonitor.Sensitive;

/**
 * The {@code payment.completed} event (contracts.md). Only the fields the email uses are required;
 * wrapper types make a missing one a validation failure instead of a silent zero.
 */
@RegisterForReflection
public record PaymentCompleted(
        @NotNull UUID bookingId,
        String paymentId,
        Long eventId,
        @NotNull @Positive Integer seats,
        @NotNull @PositiveOrZero Long amountCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code") String currency,
        @NotBlank @Email @Sensitive String buyerEmail,
        String cardLast4,
        Instant processedAt) {
}
