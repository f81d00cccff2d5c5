package io.zingtickets.booking.booking;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.zingmonitor.Observed;
import io.zingmonitor.PayloadRedactor;
import io.zingmonitor.TelemetryAttribute;
import io.zingmonitor.runtime.problem.ProblemException;
import io.zingtickets.booking.card.CardTokenizer;
import io.zingtickets.booking.card.CardTokenizer.TokenizedCard;
import io.zingtickets.booking.messaging.BookingEventsPublisher;

@ApplicationScoped
public class BookingService {

    private static final Logger LOG = Logger.getLogger(BookingService.class);

    private final BookingRepository bookings;
    private final BookingEventsPublisher events;
    private final CardTokenizer tokenizer;
    private final BookingConfig config;

    BookingService(BookingRepository bookings, BookingEventsPublisher events, CardTokenizer tokenizer, BookingConfig config) {
        this.bookings = bookings;
        this.events = events;
        this.tokenizer = tokenizer;
        this.config = config;
    }

    public Uni<Booking> create(BookingRequest request) {
        if (LOG.isDebugEnabled()) {
            // The card number and CVC are masked by the redactor ZingMonitor generates for BookingRequest.
            LOG.debugf("Booking requested: %s", PayloadRedactor.toLogString(request));
        }
        if (request.seats() > config.maxSeatsPerBooking()) {
            throw new ProblemException(400, "invalid-seats", "Invalid request",
                    "seats must be at most " + config.maxSeatsPerBooking() + " per booking", "seats");
        }
        return book(UUID.randomUUID(), request.eventId(), request.seats(), request.buyerEmail(), tokenizer.tokenize(request.card()));
    }

    /**
     * Reserves, then asks for payment. Should the request not reach Kafka, the booking fails and
     * its seats go back on sale at once: nothing stays half-done, and the client hears 503.
     */
    @Observed("booking.create")
    Uni<Booking> book(@TelemetryAttribute("zingtickets.booking.id") UUID id,
            @TelemetryAttribute("zingtickets.event.id") long eventId, int seats, String buyerEmail, TokenizedCard card) {
        return bookings.reserve(id, eventId, seats, buyerEmail, card)
                .call(booking -> events.bookingRequested(booking, buyerEmail, card)
                        .onFailure().call(failure -> {
                            LOG.errorf(failure, "Payment request for booking %s could not be published; booking failed", id);
                            return bookings.settle(id, BookingStatus.FAILED, "publish_failed");
                        })
                        .onFailure().transform(failure -> new ProblemException(503, "service-unavailable",
                                "Service Unavailable", "The booking could not be processed; please retry.")))
                .invoke(booking -> LOG.infof("Booking %s created: %d seat(s) for event %d, payment requested",
                        booking.id(), seats, eventId));
    }

    @Observed("booking.settle")
    public Uni<SettlementResult> settle(@TelemetryAttribute("zingtickets.booking.id") UUID id, BookingStatus status,
            String reason) {
        return bookings.settle(id, status, reason).map(settled -> {
            if (settled.isEmpty()) {
                LOG.infof("Payment outcome for booking %s ignored: not pending (redelivery or unknown booking)", id);
                return SettlementResult.DUPLICATE;
            }
            if (status == BookingStatus.CONFIRMED) {
                LOG.infof("Booking %s confirmed", id);
                return SettlementResult.CONFIRMED;
            }
            LOG.infof("Booking %s failed (%s); %d seat(s) released", id, reason, settled.get().seats());
            return SettlementResult.FAILED;
        });
    }
}
