package io.zingtickets.booking.reservation;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.zingmonitor.Observed;
import io.zingmonitor.PayloadRedactor;
import io.zingmonitor.ProblemException;
import io.zingmonitor.TelemetryAttribute;
import io.zingtickets.booking.backlog.AdmissionControl;
import io.zingtickets.booking.card.CardTokenizer;
import io.zingtickets.booking.latepayment.LatePaymentOutcome;
import io.zingtickets.booking.latepayment.LatePayments;
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
    private final LatePayments latePayments;

    BookingService(BookingRepository bookings, BookingRequestedEvents events, CardTokenizer tokenizer, BookingConfig config,
            AdmissionControl admission, SettlementTimes settlementTimes, LatePayments latePayments) {
        this.bookings = bookings;
        this.events = events;
        this.tokenizer = tokenizer;
        this.config = config;
        this.admission = admission;
        this.settlementTimes = settlementTimes;
        this.latePayments = latePayments;
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
        return bookings.settle(id, status, reason).chain(settled -> {
            if (settled.isEmpty()) {
                return status == BookingStatus.CONFIRMED ? latePaymentOrDuplicate(id) : duplicate(id);
            }
            settlementTimes.record(settled.get());
            if (status == BookingStatus.CONFIRMED) {
                LOG.infof("Booking %s confirmed", id);
                return Uni.createFrom().item(SettlementResult.CONFIRMED);
            }
            LOG.infof("Booking %s failed (%s); %d seat(s) released", id, reason, settled.get().seats());
            return Uni.createFrom().item(SettlementResult.FAILED);
        });
    }

    /** A payment that completed for a booking no longer pending: a redelivery, or a late payment (never dropped). */
    private Uni<SettlementResult> latePaymentOrDuplicate(UUID id) {
        return latePayments.paymentCompletedAfterFailure(id).chain(late -> late.isEmpty() ? duplicate(id)
                : Uni.createFrom().item(late.get() == LatePaymentOutcome.REINSTATED ? SettlementResult.REINSTATED
                        : SettlementResult.PAID_WITHOUT_SEATS));
    }

    private static Uni<SettlementResult> duplicate(UUID id) {
        LOG.infof("Payment outcome for booking %s ignored: already settled the same way (redelivery) or unknown booking", id);
        return Uni.createFrom().item(SettlementResult.DUPLICATE);
    }
}
