package io.zingtickets.booking.event;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** An event with its seat inventory. */
public record Event(long id, String name, String venue, OffsetDateTime startsAt, long priceCents, String currency,
        int capacity, int seatsLeft) {

    static Event from(Row row) {
        return new Event(row.getLong("id"), row.getString("name"), row.getString("venue"),
                row.getOffsetDateTime("starts_at"), row.getLong("price_cents"), row.getString("currency"),
                row.getInteger("capacity"), row.getInteger("seats_left"));
    }
}
