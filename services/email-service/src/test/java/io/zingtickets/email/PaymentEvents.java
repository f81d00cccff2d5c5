package io.zingtickets.email;

import java.util.UUID;

/** payment.completed / payment.failed values as payment-service publishes them. */
final class PaymentEvents {

    private PaymentEvents() {
    }

    static String paymentCompleted(UUID bookingId, String buyerEmail) {
        return """
                {"bookingId":"%s","paymentId":"pay_test","eventId":7,"seats":2,"amountCents":9000,"currency":"EUR",\
                "buyerEmail":"%s","cardLast4":"4242","processedAt":"2026-11-25T10:00:01Z"}"""
                .formatted(bookingId, buyerEmail);
    }

    static String paymentFailed(UUID bookingId, String buyerEmail, String reason) {
        return """
                {"bookingId":"%s","eventId":7,"seats":3,"amountCents":13500,"currency":"EUR",\
                "buyerEmail":"%s","cardLast4":"0002","reason":"%s","processedAt":"2026-11-25T10:00:01Z"}"""
                .formatted(bookingId, buyerEmail, reason);
    }

    /** A fresh address per test, so each test reads a mailbox of its own. */
    static String newBuyer() {
        return "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
