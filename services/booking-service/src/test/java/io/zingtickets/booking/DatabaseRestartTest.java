package io.zingtickets.booking;

import static io.restassured.RestAssured.given;
import static io.zingtickets.booking.Bookings.book;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.zingtickets.infra.PostgresServer;
import io.zingtickets.infra.testing.InjectPostgres;
import io.zingtickets.infra.testing.TestPostgres;

/**
 * The game day's PostgreSQL restart (issue #17): while the database shuts down and is away, every request
 * that needs it is a 503 problem with Retry-After, never a 500, a booking cut in flight leaves nothing
 * behind, and the service books again once PostgreSQL is back, without a restart of its own.
 */
@QuarkusTest
class DatabaseRestartTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final long EVENT = 2;
    static final String LOCK_HOLDER = "database-restart-test";

    @InjectPostgres
    TestPostgres postgres;

    @TestHTTPResource("/")
    URI api;

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsAwayAndBooksAgainOnceItIsBack() throws Exception {
        String earlier = book(EVENT, 1).statusCode(201).extract().path("id");
        Ledger before = ledger();
        int booked;
        String recovered;
        // Clients booking throughout, as under the game day's load: they meet the shutdown, the gap and the start-up.
        try (Load load = new Load(api, 2)) {
            try {
                // The event's row locked, a booking waits inside its transaction, past its seat UPDATE's start:
                // the fast shutdown ends its session there. A prepared transaction holds the lock because it outlives
                // every session: a locking session would be ended by the same shutdown, and on a loaded machine the
                // waiter could take the freed lock and commit before its own end reached it.
                lockEventInPreparedTransaction();
                CompletableFuture<ValidatableResponse> cutInFlight = CompletableFuture.supplyAsync(() -> book(EVENT, 2));
                await().atMost(WAIT).until(() -> bookingsWaitingForTheLock() >= 1);
                load.start();
                postgres.fastShutdown();
                assertUnavailable(cutInFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS), "/bookings");

                assertUnavailable(book(EVENT, 2), "/bookings");
                assertUnavailable(given().get("/bookings/" + earlier).then(), "/bookings/" + earlier);
                assertUnavailable(given().get("/events").then(), "/events");
                assertUnavailable(given().get("/events/" + EVENT).then(), "/events/" + EVENT);

                // Up again but still recovering: sessions refused with SQLSTATE 57P03 rather than connections.
                postgres.startRefusingSessions();
                assertUnavailable(book(EVENT, 2), "/bookings");
                assertUnavailable(given().get("/bookings/" + earlier).then(), "/bookings/" + earlier);
                assertUnavailable(given().get("/events").then(), "/events");
                assertUnavailable(given().get("/events/" + EVENT).then(), "/events/" + EVENT);
            } finally {
                postgres.start();
                releasePreparedLock();
            }

            // The pool reconnects by itself, without a restart of the service.
            var answer = await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> book(EVENT, 1).extract(), refused -> refused.statusCode() != 503);
            assertThat(answer.statusCode()).as("booked once PostgreSQL is back").isEqualTo(201);
            recovered = answer.path("id");
            booked = load.stop();
            assertThat(load.unexpected()).as("answers other than 200, 201 and a 503 problem with Retry-After").isEmpty();
            assertThat(load.unavailable()).as("the load met the outage").isPositive();
        }
        given().get("/bookings/" + recovered).then().statusCode(200).body("status", equalTo("PENDING"));
        given().get("/bookings/" + earlier).then().statusCode(200);
        Ledger after = ledger();
        assertThat(after.bookings()).as("only the bookings answered 201 were written").isEqualTo(before.bookings() + booked + 1);
        assertThat(after.seatsLeft()).as("only their seats are taken").isEqualTo(before.seatsLeft() - booked - 1);
        assertThat(after.orphanEvents()).as("no booking.requested without its booking").isZero();
    }

    /** Clients that book one seat, then read the event, again and again, noting every answer. */
    static final class Load implements AutoCloseable {

        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI api;
        private final ExecutorService clients;
        private final int count;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger booked = new AtomicInteger();
        private final AtomicInteger unavailable = new AtomicInteger();
        private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        private final List<Future<?>> loops = new ArrayList<>();

        Load(URI api, int clients) {
            this.api = api;
            this.count = clients;
            this.clients = Executors.newFixedThreadPool(clients);
        }

        void start() {
            for (int i = 0; i < count; i++) {
                loops.add(clients.submit(this::loop));
            }
        }

        /** Stops the clients; returns how many bookings they were answered 201 for. */
        int stop() throws Exception {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            return booked.get();
        }

        @Override
        public void close() {
            running.set(false);
            clients.shutdownNow();
        }

        List<String> unexpected() {
            return List.copyOf(unexpected);
        }

        int unavailable() {
            return unavailable.get();
        }

        private Void loop() throws Exception {
            while (running.get()) {
                HttpResponse<String> booking = client.send(HttpRequest.newBuilder(api.resolve("bookings"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Bookings.body(EVENT, 1, "load@example.com", Bookings.VISA)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                note(booking, 201);
                note(client.send(HttpRequest.newBuilder(api.resolve("events/" + EVENT)).build(),
                        HttpResponse.BodyHandlers.ofString()), 200);
                Thread.sleep(20);
            }
            return null;
        }

        private void note(HttpResponse<String> answer, int success) {
            if (answer.statusCode() == success) {
                if (success == 201) {
                    booked.incrementAndGet();
                }
            } else if (answer.statusCode() == 503
                    && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    && answer.headers().firstValue("Retry-After").isPresent()) {
                unavailable.incrementAndGet();
            } else {
                unexpected.add(answer.request().method() + " " + answer.uri().getPath() + " " + answer.statusCode() + " "
                        + answer.body());
            }
        }
    }

    private static void assertUnavailable(ValidatableResponse answer, String path) {
        answer.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", matchesRegex("[1-9][0-9]*"))
                .body("type", equalTo("urn:problem-type:zingtickets:service-unavailable"))
                .body("title", equalTo("Service Unavailable"))
                .body("status", equalTo(503))
                .body("detail", containsString("Retry-After"))
                .body("instance", equalTo(path))
                .body("traceId", matchesRegex("[0-9a-f]{32}"))
                // No internals: neither the database's address nor its message.
                .body(not(containsString("127.0.0.1")))
                .body(not(containsString("57P0")))
                .body(not(containsString("administrator command")));
    }

    private void lockEventInPreparedTransaction() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            statement.execute("SELECT 1 FROM events WHERE id = " + EVENT + " FOR UPDATE");
            statement.execute("PREPARE TRANSACTION '" + LOCK_HOLDER + "'");
        }
    }

    private void releasePreparedLock() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet prepared = statement.executeQuery("SELECT 1 FROM pg_prepared_xacts WHERE gid = '" + LOCK_HOLDER + "'")) {
            if (prepared.next()) {
                statement.execute("ROLLBACK PREPARED '" + LOCK_HOLDER + "'");
            }
        }
    }

    /** Asked on a connection of its own: inside the locker's transaction, pg_stat_activity would stay as first read. */
    private long bookingsWaitingForTheLock() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE 'UPDATE events SET seats_left%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    record Ledger(long bookings, long seatsLeft, long orphanEvents) {
    }

    private Ledger ledger() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM bookings WHERE event_id = " + EVENT + "), "
                        + "(SELECT seats_left FROM events WHERE id = " + EVENT + "), "
                        + "(SELECT count(*) FROM outbox o WHERE NOT EXISTS "
                        + "(SELECT 1 FROM bookings b WHERE b.id::text = o.message_key))")) {
            rows.next();
            return new Ledger(rows.getLong(1), rows.getLong(2), rows.getLong(3));
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
