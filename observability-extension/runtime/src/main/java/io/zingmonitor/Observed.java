package io.zingmonitor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a business operation. ZingMonitor finds it at build time and, for every call, records a span
 * named after the operation (parameters marked {@link TelemetryAttribute} become span attributes and
 * log context), a duration timer and a counter by outcome. The outcome is the returned enum constant
 * (also inside a {@code Uni}), {@code error} when the call fails, {@code success} otherwise: a
 * bounded set, safe as a metric tag.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Observed {

    /** The operation name, dotted lower case such as {@code booking.create}. */
    @Nonbinding
    String value();

    /**
     * Outcomes (returned enum constants, by name) that are failures of this operation although the
     * call returned normally, such as a declined card at a payment gateway: the span gets status
     * ERROR and {@code error.type} set to the outcome, so a trace search for errors finds it. The
     * HTTP request that led to it keeps its own status.
     */
    @Nonbinding
    String[] errorOutcomes() default {};
}
