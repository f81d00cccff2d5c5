package io.zingtickets.booking.messaging;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.zingtickets.booking.reservation.Booking;
import io.zingtickets.booking.card.CardTokenizer.TokenizedCard;
import io.zingtickets.booking.outbox.OutboxMessage;

/**
 * Builds {@code booking.requested} for the outbox, keyed by booking id so one booking's events stay in
 * order, with the trace context of the request so the published record joins the booking's trace.
 */
@ApplicationScoped
public class BookingRequestedEvents {

    public static final String TOPIC = "booking.requested";

    private final ObjectMapper json;

    BookingRequestedEvents(ObjectMapper json) {
        this.json = json;
    }

    /** The W3C traceparent of the current span, or null when nothing is traced; read on the request's thread. */
    public static String currentTraceparent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }

    public OutboxMessage bookingRequested(Booking booking, String buyerEmail, TokenizedCard card, String traceparent) {
        BookingRequested event = new BookingRequested(booking.id(), booking.eventId(), booking.seats(), booking.amountCents(),
                booking.currency(), buyerEmail, card.token(), card.last4(), Instant.now());
        try {
            return new OutboxMessage(TOPIC, booking.id().toString(), json.writeValueAsString(event), traceparent);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
