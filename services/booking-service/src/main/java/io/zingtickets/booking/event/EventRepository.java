package io.zingtickets.booking.event;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class EventRepository {

    private static final String COLUMNS = "id, name, venue, starts_at, price_cents, currency, capacity, seats_left";

    private final Pool pool;

    EventRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Event>> findAll() {
        return pool.query("SELECT " + COLUMNS + " FROM events ORDER BY starts_at").execute()
                .map(rows -> {
                    List<Event> events = new java.util.ArrayList<>();
                    rows.forEach(row -> events.add(Event.from(row)));
                    return events;
                });
    }

    public Uni<Optional<Event>> findById(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM events WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(Event.from(rows.iterator().next())) : Optional.empty());
    }
}
