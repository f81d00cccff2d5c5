package io.zingtickets.booking.card;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A card expiry {@code MM/YY} that is this month or later. */
@Constraint(validatedBy = NotExpiredValidator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
public @interface NotExpired {
    String message() default "card has expired";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
