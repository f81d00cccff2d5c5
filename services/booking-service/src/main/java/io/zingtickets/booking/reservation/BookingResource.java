package io.zingtickets.booking.reservation;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.zingmonitor.ProblemException;
import io.zingtickets.booking.backlog.AdmissionChecked;

@Path("/bookings")
@Produces(MediaType.APPLICATION_JSON)
public class BookingResource {

    private final BookingService service;
    private final BookingRepository bookings;

    BookingResource(BookingService service, BookingRepository bookings) {
        this.service = service;
        this.bookings = bookings;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book seats: reserves them and requests the payment; the booking is PENDING until paid")
    @APIResponse(responseCode = "201", description = "Booked, payment under way",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Booking.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (the problem names the field)")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "409", description = "Not enough seats left")
    // 413, 415 and 429 (with Retry-After) are ZingMonitor's answers: it adds them to the document itself.
    @APIResponse(responseCode = "503", description = "Too many bookings are waiting for payment, or the database is unavailable "
            + "(restarting); nothing was booked, retry after Retry-After seconds")
    @AdmissionChecked
    public Uni<RestResponse<Booking>> create(@Valid @NotNull BookingRequest request) {
        return service.create(request)
                .map(booking -> RestResponse.ResponseBuilder.<Booking>created(URI.create("/bookings/" + booking.id()))
                        .entity(booking).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A booking and its status")
    @APIResponse(responseCode = "200", description = "The booking",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Booking.class)))
    @APIResponse(responseCode = "404", description = "No such booking")
    @APIResponse(responseCode = "503", description = "The database is unavailable (restarting); retry after Retry-After seconds")
    public Uni<Booking> get(@PathParam("id") UUID id) {
        return bookings.findById(id).map(found -> found.orElseThrow(() -> new ProblemException(404, "booking-not-found",
                "Booking not found", "There is no booking " + id + ".", "id")));
    }
}
