package io.zingtickets.email.api;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.zingmonitor.ProblemDetail;
import io.zingmonitor.ProblemException;
import io.zingtickets.email.notification.SentEmailRepository;

/** Lets support and end-to-end checks see whether a booking's email went out, without a mailbox. */
@Path("/emails")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Emails", description = "Delivery status of booking emails")
public class EmailStatusResource {

    private final SentEmailRepository repository;

    EmailStatusResource(SentEmailRepository repository) {
        this.repository = repository;
    }

    @GET
    @Path("/{bookingId}")
    @Operation(summary = "Delivery status of a booking's email")
    @APIResponse(responseCode = "200", description = "The booking's email and where it stands",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EmailStatusPayload.class)))
    @APIResponse(responseCode = "404", description = "No email has been attempted for this booking (yet)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    public Uni<EmailStatusPayload> status(@PathParam("bookingId") UUID bookingId) {
        return repository.find(bookingId).map(found -> found.map(EmailStatusPayload::from)
                .orElseThrow(() -> new ProblemException(404, "email-not-found", "Email not found",
                        "No email has been attempted for booking " + bookingId + ".")));
    }
}
