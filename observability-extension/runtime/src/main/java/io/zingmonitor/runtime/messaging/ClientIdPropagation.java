package io.zingmonitor.runtime.messaging;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.SubscriberDecorator;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.zingmonitor.runtime.context.ClientIdentity;
import io.zingmonitor.runtime.context.PerClientMemo;

/**
 * Sends the hashed client id of the request (or message) behind an outgoing message along with it, as
 * W3C baggage ({@code zingmonitor.client.id}) in the trace context the connector's tracing injects
 * into the message headers; {@link MessageLogContextInterceptor} reads it back in the consumer. Only
 * the hash travels, never the key or the address.
 * <p>
 * The baggage is added to each outgoing message, not made current for the whole request: in Quarkus
 * every context switch also rewrites the log context, and doing that twice per request cost more
 * than everything else ZingMonitor does for a request that sends nothing.
 */
@ApplicationScoped
public class ClientIdPropagation implements SubscriberDecorator {

    public static final String KEY = "zingmonitor.client.id";
    /** The baggage of a message that carried none before, per client: built once, not per message. */
    private final PerClientMemo<Baggage> baggageByClient = new PerClientMemo<>(
            clientId -> Baggage.builder().put(KEY, clientId).build());

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> toBeSubscribed, List<String> channelName,
            boolean isConnector) {
        return isConnector ? toBeSubscribed.map(this::withClientId) : toBeSubscribed;
    }

    /**
     * The message with the client id in its trace context's baggage. The client comes from the log
     * context of the code sending the message, so a message sent outside any request or message
     * goes as it is.
     */
    Message<?> withClientId(Message<?> message) {
        if (!(MDC.get(ClientIdentity.MDC_KEY) instanceof String clientId)) {
            return message;
        }
        Optional<TracingMetadata> tracing = TracingMetadata.fromMessage(message);
        Context sent = tracing.map(TracingMetadata::getCurrentContext).orElseGet(Context::current);
        Baggage baggage = Baggage.fromContext(sent);
        if (clientId.equals(baggage.getEntryValue(KEY))) {
            return message; // relayed by a consumer: the baggage it received already says so
        }
        Context withClientId = sent.with(baggage.isEmpty() ? baggageByClient.get(clientId) : baggage.toBuilder().put(KEY, clientId).build());
        return message.addMetadata(TracingMetadata.with(withClientId,
                tracing.map(TracingMetadata::getPreviousContext).orElse(null)));
    }
}
