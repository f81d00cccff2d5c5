package io.zingmonitor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field or record component whose value must never appear in a log line or a span attribute.
 * Fields named like secrets (password, card number, cvc, token, iban...) are treated as sensitive
 * without the annotation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER })
public @interface Sensitive {
}
