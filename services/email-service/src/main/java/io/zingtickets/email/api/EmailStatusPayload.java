package io.zingtickets.email.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zingtickets.email.notification.EmailStatus;
import io.zingtickets.email.notification.NotificationKind;
import io.zingtickets.email.notification.SentEmail;

@Schema(name = "EmailStatus", description = "Whether the buyer was emailed about a booking's outcome")
public record EmailStatusPayload(
        UUID bookingId,
        @Schema(description = "CONFIRMATION after a completed payment, FAILURE_NOTICE after a failed one")
        NotificationKind kind,
        @Schema(description = "SENDING while in progress, SENT once the SMTP server accepted it, "
                + "REJECTED if the server refused it for good")
        EmailStatus status,
        @Schema(description = "Send attempts that claimed this email; above 1 after a sender crashed")
        int attempts,
        @Schema(description = "When the SMTP server accepted it; absent until then")
        Instant sentAt) {

    static EmailStatusPayload from(SentEmail email) {
        return new EmailStatusPayload(email.bookingId(), email.kind(), email.status(), email.attempts(),
                email.sentAt());
    }
}
