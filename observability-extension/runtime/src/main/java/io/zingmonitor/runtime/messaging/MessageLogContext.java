package io.zingmonitor.runtime.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Binds {@link MessageLogContextInterceptor}. Not for application code: the build adds it to every
 * {@code @Incoming} method of a channel in the telemetry plan.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface MessageLogContext {
}
