package io.zingtickets.booking.reservation;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zingmonitor.ProblemException;
import io.zingtickets.booking.card.CardTokenizer.TokenizedCard;
import io.zingtickets.booking.event.EventNotFound;
import io.zingtickets.booking.outbox.Outbox;
import io.zingtickets.booking.outbox.OutboxMessage;

@ApplicationScoped
public class BookingRepository {

    private static final String COLUMNS = "id, event_id, seats, status, amount_cents, currency, card_last4, failure_reason, "
            + "created_at, updated_at";

    private final Pool pool;
    private final Outbox outbox;

    BookingRepository(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /**
     * Takes the seats, records the PENDING booking and appends the event announcing it to the outbox,
     * in one transaction: there is no booking without its event, nor an event without its booking.
     * The conditional UPDATE is the whole concurrency story: the row lock serializes buyers of one
     * event, and a buyer who finds too few seats changes nothing. It comes first: taken last (after the
     * booking INSERT, whose foreign key check share-locks the same row), it measured slower on one hot
     * event row (bench/HOT-ROW.md).
     */
    public Uni<Booking> reserve(UUID id, long eventId, int seats, String buyerEmail, TokenizedCard card,
            Function<Booking, OutboxMessage> announcement) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("UPDATE events SET seats_left = seats_left - $1 WHERE id = $2 AND seats_left >= $1 "
                        + "RETURNING price_cents, currency")
                .execute(Tuple.of(seats, eventId))
                .flatMap(reserved -> {
                    if (!reserved.iterator().hasNext()) {
                        return whyNotReserved(connection, eventId, seats);
                    }
                    var price = reserved.iterator().next();
                    return connection.preparedQuery("INSERT INTO bookings (id, event_id, seats, status, amount_cents, currency, "
                            + "buyer_email, card_token, card_last4) VALUES ($1, $2, $3, 'PENDING', $4, $5, $6, $7, $8) RETURNING "
                            + COLUMNS)
                            .execute(Tuple.from(new Object[] { id, eventId, seats, price.getLong("price_cents") * seats,
                                    price.getString("currency"), buyerEmail, card.token(), card.last4() }))
                            .map(rows -> Booking.from(rows.iterator().next()))
                            .call(booking -> outbox.append(connection, announcement.apply(booking)));
                }))
                .invoke(outbox::committed);
    }

    private static Uni<Booking> whyNotReserved(SqlConnection connection, long eventId, int seats) {
        return connection.preparedQuery("SELECT seats_left FROM events WHERE id = $1").execute(Tuple.of(eventId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new EventNotFound(eventId);
                    }
                    int left = rows.iterator().next().getInteger("seats_left");
                    throw new ProblemException(409, "sold-out", "Sold out",
                            left == 0 ? "The event is sold out." : "Only " + left + " seat(s) left; asked for " + seats + ".",
                            "seats");
                });
    }

    public Uni<Optional<Booking>> findById(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM bookings WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(Booking.from(rows.iterator().next())) : Optional.empty());
    }

    /** The buyer's address, which only the event published to payment and email carries onward. */
    public Uni<Optional<String>> buyerEmail(UUID id) {
        return pool.preparedQuery("SELECT buyer_email FROM bookings WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("buyer_email"))
                        : Optional.empty());
    }

    /**
     * Moves a PENDING booking to its final status, releasing the seats when it failed. Only a
     * pending booking moves, so a redelivered outcome changes nothing: empty means "nothing to do".
     * One statement (so one round trip, atomic without a transaction of its own): this runs for every
     * booking, and BEGIN and COMMIT around it would be two round trips more.
     */
    public Uni<Optional<Booking>> settle(UUID id, BookingStatus status, String reason) {
        return pool.preparedQuery("WITH settled AS (UPDATE bookings SET status = $2, failure_reason = $3, updated_at = now() "
                + "WHERE id = $1 AND status = 'PENDING' RETURNING " + COLUMNS + "), "
                + "released AS (UPDATE events SET seats_left = seats_left + settled.seats FROM settled "
                + "WHERE events.id = settled.event_id AND settled.status = 'FAILED') "
                + "SELECT " + COLUMNS + " FROM settled")
                .execute(Tuple.of(id, status.name(), reason))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(Booking.from(rows.iterator().next())) : Optional.empty());
    }
}
