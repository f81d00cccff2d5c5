package io.zingtickets.booking.backlog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Counts the pending bookings and the outbox rows on a timer and keeps the last count: gauges are read
 * on the scrape thread and admission control on the request path, neither of which may wait on the
 * database. Both counts come from one statement, so they describe the same moment.
 */
@ApplicationScoped
public class BacklogMonitor {

    private static final Logger LOG = Logger.getLogger(BacklogMonitor.class);
    private static final String COUNT = """
            SELECT p.pending_bookings, COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - p.oldest), 0)::float8 AS pending_age,
                   o.outbox_rows, COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - o.oldest), 0)::float8 AS outbox_age
            FROM (SELECT count(*) AS pending_bookings, min(created_at) AS oldest FROM bookings WHERE status = 'PENDING') p,
                 (SELECT count(*) AS outbox_rows, min(created_at) AS oldest FROM outbox) o""";

    private final Pool pool;
    private final Vertx vertx;
    private final BacklogConfig config;
    /** Every booking admitted since start: a burst between two counts is bounded too, not only what a count saw. */
    private final java.util.concurrent.atomic.AtomicLong admitted = new java.util.concurrent.atomic.AtomicLong();
    /**
     * The count kept, with how many bookings had been admitted when it started (those it includes). Counts
     * can overlap when the database answers slower than the timer ticks: each is kept only if it started
     * after the one kept, so no admitted booking is taken off twice, and a late old count never replaces a
     * newer one.
     */
    private volatile Count kept = new Count(Backlog.EMPTY, 0);

    private record Count(Backlog backlog, long admittedBefore) {
    }

    private volatile boolean lastCountFailed;
    private long timerId = -1;

    BacklogMonitor(Pool pool, Vertx vertx, BacklogConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        Gauge.builder("zingtickets.bookings.pending", this, m -> m.kept.backlog().pendingBookings())
                .description("Bookings waiting for their payment outcome").register(registry);
        Gauge.builder("zingtickets.bookings.pending.oldest.age", this, m -> m.kept.backlog().oldestPendingAgeSeconds())
                .description("Age of the oldest booking waiting for its payment outcome").baseUnit("seconds").register(registry);
        Gauge.builder("zingtickets.outbox.pending", this, m -> m.kept.backlog().outboxRows())
                .description("Events written but not yet acknowledged by Kafka").register(registry);
        Gauge.builder("zingtickets.outbox.oldest.age", this, m -> m.kept.backlog().oldestOutboxAgeSeconds())
                .description("Age of the oldest event not yet acknowledged by Kafka").baseUnit("seconds").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        timerId = vertx.setPeriodic(config.refreshInterval().toMillis(), id -> refresh());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    public Backlog current() {
        return kept.backlog();
    }

    /** Pending bookings as last counted, plus those admitted since that count started. */
    public long pendingIncludingAdmitted() {
        Count count = kept;
        return count.backlog().pendingBookings() + admitted.get() - count.admittedBefore();
    }

    /** Admission control admitted a booking: it counts as pending until the next count sees it. */
    public void admitted() {
        admitted.incrementAndGet();
    }

    /** Counts now; the count is kept for the gauges and admission control. */
    public Uni<Backlog> refresh() {
        // Bookings admitted before the count starts are in it (or settled); later ones stay added on top.
        long admittedBefore = admitted.get();
        Uni<Backlog> counted = pool.query(COUNT).execute().map(rows -> {
            Row row = rows.iterator().next();
            Backlog backlog = new Backlog(row.getLong("pending_bookings"), row.getDouble("pending_age"), row.getLong("outbox_rows"),
                    row.getDouble("outbox_age"));
            keep(new Count(backlog, admittedBefore));
            lastCountFailed = false;
            return backlog;
        }).memoize().indefinitely();
        // The timer does not wait for the answer; a failed count keeps the last one (the database may be restarting).
        counted.subscribe().with(ignored -> {
        }, failure -> {
            // Once per outage, not twice a second.
            if (!lastCountFailed) {
                LOG.warnf("Backlog not counted, the gauges and admission control keep the last count: %s", failure.toString());
            }
            lastCountFailed = true;
        });
        return counted;
    }

    private synchronized void keep(Count count) {
        if (count.admittedBefore() >= kept.admittedBefore()) {
            kept = count;
        }
    }
}
