package io.zingtickets.booking.booking;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.zingmonitor.Observed;
import io.zingmonitor.PayloadRedactor;
import io.zingmonitor.TelemetryAttribute;
import io.zingmonitor.runtime.problem.ProblemException;
import io.zingtickets.booking.backlog.AdmissionControl;
import io.zingtickets.booking.card.CardTokenizer;
import io.zingtickets.booking.card.CardTokenizer.TokenizedCard;
import io.zingtickets.booking.messaging.BookingRequestedEvents;

@ApplicationScoped
public class BookingService {

    private static final Logger LOG = Logger.getLogger(BookingService.class);

    private final BookingRepository bookings;
    private final BookingRequestedEvents events;
    private final CardTokenizer tokenizer;
    private final BookingConfig config;
    private final AdmissionControl admission;
    private final SettlementTimes settlementTimes;

    BookingService(BookingRepository bookings, BookingRequestedEvents events, CardTokenizer tokenizer, BookingConfig config,
            AdmissionControl admission, SettlementTimes settlementTimes) {
        this.bookings = bookings;
        this.events = events;
        this.tokenizer = tokenizer;
        this.config = config;
        this.admission = admission;
        this.settlementTimes = settlementTimes;
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
        admission.admit();
        return book(UUID.randomUUID(), request.eventId(), request.seats(), request.buyerEmail(), tokenizer.tokenize(request.card()));
    }

    /**
     * Reserves the seats and writes {@code booking.requested} to the outbox in one transaction; the
     * answer does not wait for Kafka (the outbox relay publishes), so a broker outage never holds a
     * client nor leaves a booking whose payment was never requested.
     */
    @Observed("booking.create")
    Uni<Booking> book(@TelemetryAttribute("zingtickets.booking.id") UUID id,
            @TelemetryAttribute("zingtickets.event.id") long eventId, int seats, String buyerEmail, TokenizedCard card) {
        String traceparent = BookingRequestedEvents.currentTraceparent();
        return bookings.reserve(id, eventId, seats, buyerEmail, card,
                booking -> events.bookingRequested(booking, buyerEmail, card, traceparent))
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
            settlementTimes.record(settled.get());
            if (status == BookingStatus.CONFIRMED) {
                LOG.infof("Booking %s confirmed", id);
                return SettlementResult.CONFIRMED;
            }
            LOG.infof("Booking %s failed (%s); %d seat(s) released", id, reason, settled.get().seats());
            return SettlementResult.FAILED;
        });
    }
}
