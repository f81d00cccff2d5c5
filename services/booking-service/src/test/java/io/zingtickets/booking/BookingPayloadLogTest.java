package io.zingtickets.booking;

import static io.zingtickets.booking.Bookings.VISA;
import static io.zingtickets.booking.Bookings.book;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.zingtickets.booking.reservation.BookingService;

/**
 * The booking request is logged (at DEBUG) as a payload with the card number and CVC masked by the
 * redactor ZingMonitor generates for {@code BookingRequest}. Captured at the logger, before the
 * last-line filter, so the generated redactor alone must have masked them.
 */
@QuarkusTest
class BookingPayloadLogTest {

    @Test
    void bookingRequestIsLoggedWithCardNumberAndCvcMasked() {
        Logger logger = Logger.getLogger(BookingService.class.getName());
        Level previous = logger.getLevel();
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(((ExtLogRecord) record).getFormattedMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.FINE);
        logger.addHandler(capture);
        try {
            book(1, 1).statusCode(201);
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }

        String payload = messages.stream().filter(m -> m.startsWith("Booking requested: ")).findFirst().orElseThrow();
        assertThat(payload).contains("\"seats\":1", "\"buyerEmail\":\"a***@example.com\"",
                "\"card\":{\"number\":\"[REDACTED]\",\"expiry\":\"12/30\",\"cvc\":\"[REDACTED]\"}");
        assertThat(payload).doesNotContain(VISA, "737", "ada@");
    }
}
