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
 * The {@code payment.failed} event (contracts.md). {@code reason} is not restricted to today's codes:
 * a new one still gets a (generic) notice rather than a dead letter.
 */
@RegisterForReflection
public record PaymentFailed(
        @NotNull UUID bookingId,
        Long eventId,
        @NotNull @Positive Integer seats,
        @NotNull @PositiveOrZero Long amountCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code") String currency,
        @NotBlank @Email @Sensitive String buyerEmail,
        String cardLast4,
        @NotBlank String reason,
        Instant processedAt) {
}
