package io.zingtickets.booking.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.zingtickets.booking.booking.Booking;
import io.zingtickets.booking.card.CardTokenizer.TokenizedCard;

/** Publishes {@code booking.requested}, keyed by booking id so one booking's events stay in order. */
@ApplicationScoped
public class BookingEventsPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    BookingEventsPublisher(@Channel("booking-requested") MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /** Completes when the broker acknowledged the record (acks=all). */
    public Uni<Void> bookingRequested(Booking booking, String buyerEmail, TokenizedCard card) {
        BookingRequested event = new BookingRequested(booking.id(), booking.eventId(), booking.seats(), booking.amountCents(),
                booking.currency(), buyerEmail, card.token(), card.last4(), Instant.now());
        try {
            Message<String> message = Message.of(json.writeValueAsString(event))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(booking.id().toString()).build());
            return emitter.sendMessage(message);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
