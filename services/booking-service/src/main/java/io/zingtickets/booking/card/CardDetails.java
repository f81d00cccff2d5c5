package io.zingtickets.booking.card;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.LuhnCheck;

import io.zingmonitor.Sensitive;

/** A payment card as the buyer typed it. It never leaves booking-service: see {@link CardTokenizer}. */
public record CardDetails(
        @Sensitive @NotBlank @Pattern(regexp = "\\d{12,19}", message = "must be 12 to 19 digits") @LuhnCheck(message = "is not a valid card number") String number,
        @NotBlank @Pattern(regexp = "(0[1-9]|1[0-2])/\\d{2}", message = "must be MM/YY") @NotExpired String expiry,
        @Sensitive @NotBlank @Pattern(regexp = "\\d{3,4}", message = "must be 3 or 4 digits") String cvc) {

    /** Never the number or the CVC, whoever prints this. */
    @Override
    public String toString() {
        return "CardDetails[****" + (number != null && number.length() >= 4 ? number.substring(number.length() - 4) : "") + "]";
    }
}
