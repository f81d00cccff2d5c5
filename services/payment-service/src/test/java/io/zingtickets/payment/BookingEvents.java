package io.zingtickets.payment;

import java.util.UUID;

/** booking.requested values as booking-service would publish them. */
final class BookingEvents {

    static final String GOOD_CARD = "4242";
    static final String DECLINED_CARD = "0002";

    private BookingEvents() {
    }

    static String bookingRequested(UUID bookingId, String cardLast4) {
        return """
                {"bookingId":"%s","eventId":7,"seats":2,"amountCents":9000,"currency":"EUR",\
                "buyerEmail":"ada@example.com","cardToken":"tok_test_%s","cardLast4":"%s",\
                "requestedAt":"2026-11-25T10:00:00Z"}""".formatted(bookingId, cardLast4, cardLast4);
    }
}
