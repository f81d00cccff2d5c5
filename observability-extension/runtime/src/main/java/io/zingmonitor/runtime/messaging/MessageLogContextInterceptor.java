package io.zingmonitor.runtime.messaging;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.MDC;

import io.opentelemetry.api.baggage.Baggage;
import io.zingmonitor.runtime.context.ClientIdentity;

/**
 * Puts the client id of the request that caused a message into the log context of its consumer, so
 * every line logged while the message is processed names the client, as the request's lines do. The
 * id travels as W3C baggage in the message headers (see {@link ClientIdPropagation}); trace and span ids
 * are already there, from the consumer span Quarkus makes current. The log context lives on the
 * message's own Vert.x context, so it also holds after reactive hops and ends with the message.
 */
@MessageLogContext
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 50)
public class MessageLogContextInterceptor {

    @AroundInvoke
    Object withClientId(InvocationContext context) throws Exception {
        String clientId = Baggage.current().getEntryValue(ClientIdPropagation.KEY);
        if (clientId != null && MDC.get(ClientIdentity.MDC_KEY) == null) {
            MDC.put(ClientIdentity.MDC_KEY, clientId);
        }
        return context.proceed();
    }
}
