package io.zingtickets.booking.reservation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.zingtickets.booking.card.CardDetails;

/** {@code POST /bookings}. The per-booking seat maximum is configuration, checked by {@link BookingService}. */
public record BookingRequest(
        @NotNull @Positive Long eventId,
        @NotNull @Min(value = 1, message = "must be at least 1") Integer seats,
        @NotBlank @Email @Size(max = 254) String buyerEmail,
        @NotNull @Valid CardDetails card) {
}
