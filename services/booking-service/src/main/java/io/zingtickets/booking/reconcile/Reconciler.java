package io.zingtickets.booking.reconcile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zingtickets.booking.reservation.BookingService;
import io.zingtickets.booking.reservation.BookingStatus;
import io.zingtickets.booking.reservation.SettlementResult;

/**
 * Settles bookings that stayed PENDING past the deadline by asking payment-service what it recorded: a
 * lost or stuck outcome event must not leave a buyer waiting or seats taken forever. A booking no
 * payment was ever claimed for is failed and its seats released; payment-service records it abandoned
 * in the same call, so it can never be charged afterwards. Settling goes through
 * {@link BookingService#settle}, the same path as the outcome events, so a booking is settled once
 * whichever comes first.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** Reason stored on a booking failed because no payment was ever claimed; payment-service uses the same code. */
    static final String ABANDONED_REASON = "abandoned";

    private final Pool pool;
    private final Vertx vertx;
    private final ReconcilerConfig config;
    private final PaymentRecordsClient payments;
    private final BookingService bookings;
    private final Map<ReconciliationOutcome, Counter> counters = new EnumMap<>(ReconciliationOutcome.class);
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    Reconciler(Pool pool, Vertx vertx, ReconcilerConfig config, PaymentRecordsClient payments, BookingService bookings,
            MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.payments = payments;
        this.bookings = bookings;
        for (ReconciliationOutcome outcome : ReconciliationOutcome.values()) {
            counters.put(outcome, Counter.builder("zingtickets.reconciler.bookings")
                    .description("Bookings PENDING past the reconciliation deadline, by what the reconciler did")
                    .tag("outcome", outcome.tag()).register(registry));
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            timerId = vertx.setPeriodic(config.interval().toMillis(), id -> reconcileOverdue().subscribe().with(done -> {
            }, failure -> LOG.warnf("Reconciliation round failed, next round in %s: %s", config.interval(), failure.toString())));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** One round: the oldest overdue bookings, one at a time. Skipped while the previous round still runs. */
    public Uni<List<ReconciliationOutcome>> reconcileOverdue() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(List.of());
        }
        return overdue()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::reconcile)
                .collect().asList()
                .eventually(() -> running.set(false));
    }

    private Uni<List<UUID>> overdue() {
        return pool.preparedQuery("SELECT id FROM bookings WHERE status = 'PENDING' AND created_at < now() - make_interval(secs => $1::float8) "
                + "ORDER BY created_at LIMIT $2")
                .execute(Tuple.of(config.deadline().toMillis() / 1000.0, config.batchSize()))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                    }
                    return ids;
                });
    }

    private Uni<ReconciliationOutcome> reconcile(UUID id) {
        return payments.reconcile(id)
                .chain(recorded -> switch (recorded.status()) {
                    case "COMPLETED" -> settle(id, BookingStatus.CONFIRMED, null, ReconciliationOutcome.CONFIRMED);
                    case "FAILED" -> settle(id, BookingStatus.FAILED, recorded.reason() == null ? "payment_failed" : recorded.reason(),
                            ReconciliationOutcome.FAILED);
                    case "ABANDONED" -> settle(id, BookingStatus.FAILED, ABANDONED_REASON, ReconciliationOutcome.ABANDONED);
                    default -> Uni.createFrom().item(ReconciliationOutcome.PAYMENT_IN_PROGRESS);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Overdue booking %s not reconciled, next round in %s: %s", id, config.interval(), failure.toString());
                    return ReconciliationOutcome.UNANSWERED;
                })
                .invoke(outcome -> {
                    counters.get(outcome).increment();
                    if (outcome.acted()) {
                        // WARN: the pipeline lost track of a booking; one is handled, many are an incident.
                        LOG.warnf("Booking %s was PENDING past the %s deadline; reconciled with payment-service: %s", id,
                                config.deadline(), outcome.tag());
                    }
                });
    }

    private Uni<ReconciliationOutcome> settle(UUID id, BookingStatus status, String reason, ReconciliationOutcome acted) {
        return bookings.settle(id, status, reason)
                .map(result -> result == SettlementResult.DUPLICATE ? ReconciliationOutcome.ALREADY_SETTLED : acted);
    }
}
