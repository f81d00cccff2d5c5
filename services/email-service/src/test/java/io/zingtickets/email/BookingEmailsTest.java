package io.zingtickets.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.zingtickets.email.notification.BookingEmails;
import io.zingtickets.email.notification.Notification;
import io.zingtickets.email.notification.NotificationKind;

class BookingEmailsTest {

    private final BookingEmails emails = new BookingEmails();
    private final UUID bookingId = UUID.fromString("6f1c0000-0000-4000-8000-000000000001");

    @Test
    void confirmationStatesBookingSeatsAndAmount() {
        Notification mail = emails.confirmation(bookingId, "ada@example.com", 2, 9000, "EUR");

        assertThat(mail.kind()).isEqualTo(NotificationKind.CONFIRMATION);
        assertThat(mail.subject()).isEqualTo("Your ZingTickets booking is confirmed");
        assertThat(mail.text()).contains(bookingId.toString()).contains("Seats:    2").contains("90.00 EUR");
    }

    @Test
    void amountsFollowTheCurrencysDecimals() {
        assertThat(emails.confirmation(bookingId, "a@b.c", 1, 1500, "JPY").text()).contains("1500 JPY");
        assertThat(emails.confirmation(bookingId, "a@b.c", 1, 12345, "KWD").text()).contains("12.345 KWD");
        assertThat(emails.confirmation(bookingId, "a@b.c", 1, 5, "USD").text()).contains("0.05 USD");
    }

    @Test
    void failureNoticeExplainsTheReasonInWords() {
        assertThat(emails.failureNotice(bookingId, "a@b.c", 2, 9000, "EUR", "card_declined").text())
                .contains("your card was declined").doesNotContain("card_declined");
        assertThat(emails.failureNotice(bookingId, "a@b.c", 2, 9000, "EUR", "gateway_error").text())
                .contains("payment provider").doesNotContain("gateway_error");
        assertThat(emails.failureNotice(bookingId, "a@b.c", 2, 9000, "EUR", "abandoned").text())
                .contains("have not been charged").doesNotContain("abandoned");
        assertThat(emails.failureNotice(bookingId, "a@b.c", 2, 9000, "EUR", "something_new").text())
                .contains("could not be processed").doesNotContain("something_new");
    }
}
