package io.zingtickets.infra.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test's {@link io.zingtickets.infra.SmtpServer} field, filled by {@link SmtpTestResource}: for a
 * test that freezes the server. The server is shared by the whole test run, so such a test thaws it in a
 * {@code finally}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectSmtpServer {
}
