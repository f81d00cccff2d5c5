package io.zingmonitor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parameter of an {@link Observed} method that describes the operation: it becomes a span
 * attribute and, for the duration of the call, a log context (MDC) field. Never a metric tag: its
 * values are unbounded. Sensitive values are masked before they are attached.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TelemetryAttribute {

    /** The attribute key, for example {@code shop.order.id}. */
    String value();
}
