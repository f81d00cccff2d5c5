package org.acme.inventory;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/stock/{sku}")
public class StockResource {

    @Inject
    Warehouse warehouse;

    @GET
    public int level(@PathParam("sku") String sku) {
        return warehouse.level(sku);
    }

    @POST
    @Path("reservations")
    public Reservation reserve(@PathParam("sku") String sku, @Valid ReservationRequest request) {
        return warehouse.reserve(sku, request);
    }
}
