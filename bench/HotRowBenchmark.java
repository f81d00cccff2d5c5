import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.PostgresServer;

/**
 * Is the seat reservation on one event row a ceiling? ({@code make bench-hot-row}, issue #16.)
 *
 * <p>Runs booking-service's reservation transaction (the three statements of
 * {@code BookingRepository.reserve}: the conditional UPDATE of the event row, the INSERT of the booking,
 * the INSERT of its outbox row, then COMMIT; and, for comparison, the UPDATE taken last, which holds the
 * row lock for fewer round trips) against a real PostgreSQL with booking-service's own schema
 * (its Flyway migrations), from as many connections as booking-service's pool holds, as fast as it goes:
 * once with every reservation on one event row, once spread over many events. The row lock taken by the
 * UPDATE is held until COMMIT, so on one row the transactions queue behind each other; the ratio of the
 * two rates says how much that costs, and the two orders whether taking the lock last helps. A last phase sells a small event out from all connections at once
 * and checks that exactly its capacity was sold (no overselling).
 *
 * <p>Settings: {@code BENCH_HOTROW_CONNECTIONS} (20, booking-service's quarkus.datasource.reactive.max-size),
 * {@code BENCH_HOTROW_SECONDS} (15 per phase), {@code BENCH_HOTROW_EVENTS} (200), {@code BENCH_OUTPUT}.
 */
public class HotRowBenchmark {

    private static final long FIRST_EVENT_ID = 1_000_000;
    private static final long SELL_OUT_EVENT_ID = 999_999;
    private static final int SELL_OUT_CAPACITY = 5_000;

    // As booking-service's BookingRepository.reserve and Outbox.append run them; the lock-last variant instead
    // prices the booking in its INSERT and takes the seats with TAKE_SEATS.
    private static final String RESERVE = "UPDATE events SET seats_left = seats_left - ? WHERE id = ? AND seats_left >= ? "
            + "RETURNING price_cents, currency";
    private static final String INSERT_BOOKING = "INSERT INTO bookings (id, event_id, seats, status, amount_cents, currency, "
            + "buyer_email, card_token, card_last4) VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?, ?) RETURNING id, event_id, seats, "
            + "status, amount_cents, currency, card_last4, failure_reason, created_at, updated_at";
    private static final String INSERT_BOOKING_PRICED = "INSERT INTO bookings (id, event_id, seats, status, amount_cents, currency, "
            + "buyer_email, card_token, card_last4) SELECT ?::uuid, id, ?::int, 'PENDING', price_cents * ?::int, currency, ?::text, "
            + "?::text, ?::text FROM events WHERE id = ? RETURNING id, event_id, seats, status, amount_cents, currency, card_last4, "
            + "failure_reason, created_at, updated_at";
    private static final String TAKE_SEATS = "UPDATE events SET seats_left = seats_left - ? WHERE id = ? AND seats_left >= ?";
    private static final String INSERT_OUTBOX = "INSERT INTO outbox (topic, message_key, payload, traceparent) VALUES (?, ?, ?, ?)";
    // A booking.requested payload of the usual size.
    private static final String PAYLOAD = "{\"bookingId\":\"%s\",\"eventId\":%d,\"seats\":%d,\"amountCents\":8000,\"currency\":\"EUR\","
            + "\"buyerEmail\":\"buyer-1@example.com\",\"cardToken\":\"tok_0123456789abcdef0123456789abcdef\",\"cardLast4\":\"4242\","
            + "\"requestedAt\":\"2026-12-06T03:00:00Z\"}";

    record Phase(String name, int connections, double seconds, long reservations, long refused, long[] micros, double postgresCores) {
        double rate() {
            return reservations / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        int connections = Integer.parseInt(BenchSupport.env("BENCH_HOTROW_CONNECTIONS", "20"));
        int seconds = Integer.parseInt(BenchSupport.env("BENCH_HOTROW_SECONDS", "15"));
        int events = Integer.parseInt(BenchSupport.env("BENCH_HOTROW_EVENTS", "200"));
        Path output = Path.of(BenchSupport.env("BENCH_OUTPUT", root.resolve("bench/HOT-ROW.md").toString())).toAbsolutePath();
        Path work = root.resolve(".run/bench-hot-row");
        BenchSupport.deleteRecursively(work);
        Files.createDirectories(work.resolve("logs"));
        Instant begin = Instant.now();
        PostgresServer postgres = PostgresServer.start(FreePorts.next(), work.resolve("postgres"), work.resolve("logs/postgres.log"),
                List.of("booking"));
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop));
        try {
            String url = postgres.jdbcUrl("booking");
            migrate(url, root.resolve("services/booking-service/src/main/resources/db/migration"));
            try (Connection db = connect(url); Statement statement = db.createStatement()) {
                statement.executeUpdate("INSERT INTO events (id, name, venue, starts_at, price_cents, currency, capacity, seats_left) "
                        + "SELECT g, 'Bench event ' || g, 'Bench hall', '2027-06-01T20:00:00Z', 4000, 'EUR', 100000000, 100000000 "
                        + "FROM generate_series(" + FIRST_EVENT_ID + ", " + (FIRST_EVENT_ID + events - 1) + ") g");
                statement.executeUpdate("INSERT INTO events (id, name, venue, starts_at, price_cents, currency, capacity, seats_left) "
                        + "VALUES (" + SELL_OUT_EVENT_ID + ", 'Small event', 'Bench hall', '2027-06-01T20:00:00Z', 4000, 'EUR', "
                        + SELL_OUT_CAPACITY + ", " + SELL_OUT_CAPACITY + ")");
            }
            BenchSupport.log("warm-up (5 s, spread)");
            run(url, postgres, "warm-up", connections, 5, events, false, true);
            List<Phase> phases = new ArrayList<>();
            // Spread and hot alternate, so that a drift of the machine's other load shows between repeats.
            for (boolean lockLast : List.of(false, true)) {
                String order = lockLast ? "lock last (alternative)" : "lock first (booking-service)";
                phases.add(run(url, postgres, order + ", spread over " + events + " events", connections, seconds, events, false, lockLast));
                phases.add(run(url, postgres, order + ", one hot event", connections, seconds, events, true, lockLast));
            }
            phases.add(run(url, postgres, "lock first (booking-service), one hot event, 1 connection", 1, seconds, events, true, false));
            String sellOut = sellOut(url, connections);
            Files.writeString(output, report(begin, connections, events, phases, sellOut));
            BenchSupport.log("wrote %s", output);
        } finally {
            postgres.stop();
        }
    }

    private static Phase run(String url, PostgresServer postgres, String name, int connections, int seconds, int events, boolean hot,
            boolean lockLast) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        long[] counts = new long[connections * 2];
        List<Thread> threads = new ArrayList<>();
        long cpuBefore = ticks(postgres.process().pid());
        long start = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            int index = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection db = connect(url)) {
                    db.setAutoCommit(false);
                    int n = 0;
                    while (!stop.get() && n < mine.length) {
                        long event = hot ? FIRST_EVENT_ID : FIRST_EVENT_ID + ThreadLocalRandom.current().nextInt(events);
                        long began = System.nanoTime();
                        if (reserve(db, event, 1 + ThreadLocalRandom.current().nextInt(2), lockLast)) {
                            mine[n++] = (System.nanoTime() - began) / 1_000;
                            counts[index * 2]++;
                        } else {
                            counts[index * 2 + 1]++;
                        }
                    }
                    counts[index * 2] = n;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Thread thread : threads) {
            thread.join();
        }
        double cores = (ticks(postgres.process().pid()) - cpuBefore) / 100.0 / elapsed;
        long reservations = 0;
        long refused = 0;
        for (int t = 0; t < connections; t++) {
            reservations += counts[t * 2];
            refused += counts[t * 2 + 1];
        }
        long[] all = new long[(int) reservations];
        int at = 0;
        for (int t = 0; t < connections; t++) {
            System.arraycopy(latencies.get(t), 0, all, at, (int) counts[t * 2]);
            at += (int) counts[t * 2];
        }
        Arrays.sort(all);
        Phase phase = new Phase(name, connections, elapsed, reservations, refused, all, cores);
        BenchSupport.log("%s: %.0f reservations/s from %d connection(s), p50 %s, p99 %s, PostgreSQL %.2f cores", name, phase.rate(), connections,
                millis(percentile(all, 0.5)), millis(percentile(all, 0.99)), cores);
        return phase;
    }

    /**
     * One reservation as booking-service makes it; false when the event had too few seats (rolled back).
     * Lock first (booking-service): the conditional UPDATE first, its row lock held over all four round
     * trips. Lock last (the alternative measured): INSERT the booking (its price read from the event row
     * without a lock), INSERT the outbox row, then the conditional UPDATE, so the lock is held for one
     * round trip and the commit; but the booking's foreign key check share-locks the event row first.
     */
    private static boolean reserve(Connection db, long eventId, int seats, boolean lockLast) throws SQLException {
        UUID id = UUID.randomUUID();
        try {
            if (lockLast) {
                try (PreparedStatement booking = db.prepareStatement(INSERT_BOOKING_PRICED)) {
                    booking.setObject(1, id);
                    booking.setInt(2, seats);
                    booking.setInt(3, seats);
                    booking.setString(4, "buyer-1@example.com");
                    booking.setString(5, "tok_0123456789abcdef0123456789abcdef");
                    booking.setString(6, "4242");
                    booking.setLong(7, eventId);
                    booking.executeQuery().close();
                }
                appendOutbox(db, id, eventId, seats);
                try (PreparedStatement reserve = db.prepareStatement(TAKE_SEATS)) {
                    reserve.setInt(1, seats);
                    reserve.setLong(2, eventId);
                    reserve.setInt(3, seats);
                    if (reserve.executeUpdate() != 1) {
                        db.rollback();
                        return false;
                    }
                }
            } else {
                long price;
                String currency;
                try (PreparedStatement reserve = db.prepareStatement(RESERVE)) {
                    reserve.setInt(1, seats);
                    reserve.setLong(2, eventId);
                    reserve.setInt(3, seats);
                    try (ResultSet rows = reserve.executeQuery()) {
                        if (!rows.next()) {
                            db.rollback();
                            return false;
                        }
                        price = rows.getLong(1);
                        currency = rows.getString(2);
                    }
                }
                try (PreparedStatement booking = db.prepareStatement(INSERT_BOOKING)) {
                    booking.setObject(1, id);
                    booking.setLong(2, eventId);
                    booking.setInt(3, seats);
                    booking.setLong(4, price * seats);
                    booking.setString(5, currency);
                    booking.setString(6, "buyer-1@example.com");
                    booking.setString(7, "tok_0123456789abcdef0123456789abcdef");
                    booking.setString(8, "4242");
                    booking.executeQuery().close();
                }
                appendOutbox(db, id, eventId, seats);
            }
            db.commit();
            return true;
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    private static void appendOutbox(Connection db, UUID id, long eventId, int seats) throws SQLException {
        try (PreparedStatement outbox = db.prepareStatement(INSERT_OUTBOX)) {
            outbox.setString(1, "booking.requested");
            outbox.setString(2, id.toString());
            outbox.setString(3, PAYLOAD.formatted(id, eventId, seats));
            outbox.setString(4, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            outbox.executeUpdate();
        }
    }

    /** Every connection buys from one small event until it is sold out: exactly its capacity is sold. */
    private static String sellOut(String url, int connections) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection db = connect(url)) {
                    db.setAutoCommit(false);
                    int misses = 0;
                    // Two seats at a time, one when two no longer fit, until nothing is left.
                    while (misses < 2) {
                        if (!reserve(db, SELL_OUT_EVENT_ID, misses == 0 ? 2 : 1, false)) {
                            misses++;
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        try (Connection db = connect(url); Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT (SELECT seats_left FROM events WHERE id = " + SELL_OUT_EVENT_ID + "), "
                        + "(SELECT coalesce(sum(seats), 0) FROM bookings WHERE event_id = " + SELL_OUT_EVENT_ID + ")")) {
            rows.next();
            long left = rows.getLong(1);
            long sold = rows.getLong(2);
            String verdict = left == 0 && sold == SELL_OUT_CAPACITY ? "exactly the capacity sold, none oversold"
                    : "WRONG: " + sold + " sold of " + SELL_OUT_CAPACITY + ", " + left + " left";
            BenchSupport.log("sell-out: %s", verdict);
            if (!verdict.startsWith("exactly")) {
                throw new IllegalStateException("Overselling or lost seats: " + verdict);
            }
            return String.format(Locale.ROOT, "%d connections bought 1–2 seats at a time from one event of %d seats until it was sold "
                    + "out: %d seats in bookings, %d left: %s.", connections, SELL_OUT_CAPACITY, sold, left, verdict);
        }
    }

    private static String report(Instant begin, int connections, int events, List<Phase> phases, String sellOut) throws IOException {
        StringBuilder out = new StringBuilder("# Seat reservation on one hot event row: a ceiling?\n\n");
        out.append("Written by `").append(BenchSupport.env("BENCH_COMMAND", "make bench-hot-row")).append("` (`bench/hot-row.sh`, `bench/HotRowBenchmark.java`) on ")
                .append(begin.truncatedTo(ChronoUnit.SECONDS)).append("; the run took ")
                .append(Duration.between(begin, Instant.now()).toSeconds()).append(" s. Machine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, load average at the end ")
                .append(String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 2))).append(".\n\n");
        out.append("""
                booking-service's reservation transaction run back to back from %d connections (booking-service's \
                pool size) against a real PostgreSQL with booking-service's schema (fsync off, as the local stack), once \
                with every reservation on one event row, once spread over %d events. The row lock taken by the \
                conditional `UPDATE events ... WHERE seats_left >= $1` is held until `COMMIT`, so on one row the \
                transactions take turns. **Lock first** is booking-service's order (the `UPDATE`, the booking `INSERT`, \
                the outbox `INSERT`, `COMMIT`: the lock held over four round trips); **lock last** is the alternative \
                measured against it (the booking `INSERT`, pricing from the event row without a lock, the outbox \
                `INSERT`, then the `UPDATE` and `COMMIT`: the lock held over two, but every booking `INSERT`'s foreign \
                key check share-locks the hot row first). Latency: one whole transaction, \
                client side. PostgreSQL CPU in cores (2 = the whole machine).

                | phase | connections | reservations/s | p50 | p99 | PostgreSQL CPU (cores) | CPU ms per reservation |
                |---|--:|--:|--:|--:|--:|--:|
                """.formatted(connections, events));
        for (Phase p : phases) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %s | %s | %.2f | %.3f |%n", p.name(), p.connections(), p.rate(),
                    millis(percentile(p.micros(), 0.5)), millis(percentile(p.micros(), 0.99)), p.postgresCores(),
                    1000 * p.postgresCores() / Math.max(1e-9, p.rate())));
        }
        out.append("\n").append(sellOut).append("\n");
        return out.toString();
    }

    private static void migrate(String url, Path migrations) throws IOException, SQLException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(migrations)) {
            scripts = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
        try (Connection db = connect(url); Statement statement = db.createStatement()) {
            for (Path script : scripts) {
                statement.execute(Files.readString(script));
            }
        }
    }

    private static int version(Path script) {
        String name = script.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /** CPU time of PostgreSQL's postmaster and every backend it forked, live or ended (clock ticks). */
    private static long ticks(long root) {
        List<Long> all = new ArrayList<>(List.of(root));
        for (int i = 0; i < all.size(); i++) {
            long parent = all.get(i);
            ProcessHandle.allProcesses().filter(p -> p.parent().map(ProcessHandle::pid).orElse(-1L) == parent)
                    .forEach(p -> all.add(p.pid()));
        }
        long sum = 0;
        for (long pid : all) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                if (pid == root) {
                    // Backends that ended (a phase closes its connections) are in their parent's children's time.
                    sum += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                }
            } catch (IOException | RuntimeException e) {
                // A backend that ended meanwhile.
            }
        }
        return sum;
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static String millis(long micros) {
        return micros < 0 ? "–" : micros < 10_000 ? String.format(Locale.ROOT, "%.2f ms", micros / 1000.0)
                : String.format(Locale.ROOT, "%.0f ms", micros / 1000.0);
    }
}
