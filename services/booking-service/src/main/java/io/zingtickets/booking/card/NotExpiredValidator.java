package io.zingtickets.booking.card;

import java.time.Clock;
import java.time.YearMonth;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class NotExpiredValidator implements ConstraintValidator<NotExpired, String> {

    private final Clock clock = Clock.systemUTC();

    @Override
    public boolean isValid(String expiry, ConstraintValidatorContext context) {
        if (expiry == null || !expiry.matches("(0[1-9]|1[0-2])/\\d{2}")) {
            return true; // format is @Pattern's concern; one message per problem
        }
        YearMonth card = YearMonth.of(2000 + Integer.parseInt(expiry.substring(3)), Integer.parseInt(expiry.substring(0, 2)));
        return !card.isBefore(YearMonth.now(clock));
    }
}
