package io.zingtickets.booking.event;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;

@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventRepository events;

    EventResource(EventRepository events) {
        this.events = events;
    }

    @GET
    @Operation(summary = "List the events on sale, with the seats left")
    @APIResponse(responseCode = "200", description = "The events")
    @APIResponse(responseCode = "503", description = "The database is unavailable (restarting); retry after Retry-After seconds")
    public Uni<List<Event>> list() {
        return events.findAll();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One event, with the seats left")
    @APIResponse(responseCode = "200", description = "The event")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "400", description = "The id is not a number")
    @APIResponse(responseCode = "503", description = "The database is unavailable (restarting); retry after Retry-After seconds")
    public Uni<Event> get(@PathParam("id") long id) {
        return events.findById(id).map(found -> found.orElseThrow(() -> new EventNotFound(id)));
    }
}
