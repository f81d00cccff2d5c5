package io.zingtickets.email.notification;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Writes the emails a buyer gets about a booking. Plain text: it reads well in every client. */
@ApplicationScoped
public class BookingEmails {

    public static final String CONFIRMATION_SUBJECT = "Your ZingTickets booking is confirmed";
    public static final String FAILURE_SUBJECT = "Your ZingTickets booking could not be completed";

    public Notification confirmation(UUID bookingId, String recipient, int seats, long amountCents, String currency) {
        String text = """
                Hello,

                your booking is confirmed. Here are the details:

                  Booking:  %s
                  Seats:    %d
                  Amount:   %s

                Please keep this email: your booking id is your reference for any question.

                Enjoy the show!
                The ZingTickets team
                """.formatted(bookingId, seats, formatAmount(amountCents, currency));
        return new Notification(NotificationKind.CONFIRMATION, recipient, CONFIRMATION_SUBJECT, text);
    }

    public Notification failureNotice(UUID bookingId, String recipient, int seats, long amountCents, String currency,
            String reason) {
        String text = """
                Hello,

                we are sorry: your booking could not be completed, because %s

                  Booking:  %s
                  Seats:    %d
                  Amount:   %s

                No money has been taken from your card.

                The ZingTickets team
                """.formatted(humanReason(reason), bookingId, seats, formatAmount(amountCents, currency));
        return new Notification(NotificationKind.FAILURE_NOTICE, recipient, FAILURE_SUBJECT, text);
    }

    /** The reason codes of {@code payment.failed} in words a buyer understands, with what to do next. */
    static String humanReason(String reason) {
        return switch (reason) {
            case "card_declined" -> "your card was declined. Please book again with another card.";
            case "gateway_error" -> "our payment provider could not process the payment just now. "
                    + "Please try again in a few minutes.";
            case "abandoned" -> "we could not take your payment in time, so your seats were released. "
                    + "You have not been charged. Please book again.";
            default -> "the payment could not be processed. Please try again later.";
        };
    }

    /** 9000 EUR becomes "90.00 EUR": minor units scaled by the currency's own number of decimals. */
    static String formatAmount(long amountCents, String currencyCode) {
        int decimals;
        try {
            decimals = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknownCurrency) {
            decimals = 2;
        }
        return BigDecimal.valueOf(amountCents, decimals).toPlainString() + " " + currencyCode;
    }
}
