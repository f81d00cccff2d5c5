package io.zingtickets.payment.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.zingmonitor.Sensitive;
import io.zingtickets.payment.charge.Charge;

/**
 * The {@code booking.requested} event (contracts.md). Wrapper types, so that a missing field is a
 * validation failure instead of a silent zero. {@code buyerEmail} is only passed on to the outcome.
 */
@RegisterForReflection
public record BookingRequested(
        @NotNull UUID bookingId,
        @NotNull Long eventId,
        @NotNull @Positive Integer seats,
        @NotNull @Positive Long amountCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code") String currency,
        @NotBlank @Sensitive String buyerEmail,
        @NotBlank @Sensitive String cardToken,
        @NotNull @Pattern(regexp = "[0-9]{4}", message = "must be four digits") String cardLast4,
        Instant requestedAt) {

    public Charge toCharge() {
        return new Charge(amountCents, currency, cardToken, cardLast4);
    }
}
