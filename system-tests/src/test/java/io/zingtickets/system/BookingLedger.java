package io.zingtickets.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.zingtickets.infra.PostgresServer;

/**
 * The bookings a client saw accepted (201), and the promises of issue 17 checked against the databases and
 * the mailbox: every accepted booking ends CONFIRMED or FAILED, none is charged twice, none is charged while
 * FAILED or CONFIRMED unpaid, each outcome gets exactly one email (one buyer address per booking), and the
 * seats taken on the events equal the seats of live bookings.
 */
final class BookingLedger {

    private final Map<String, String> buyerById = new ConcurrentHashMap<>();

    /** A booking the API accepted; {@code buyer} must be used by this booking only, so its emails can be counted. */
    void accepted(String id, String buyer) {
        buyerById.put(id, buyer);
    }

    Set<String> ids() {
        return buyerById.keySet();
    }

    /** What the databases and the mailbox say about the accepted bookings now. */
    static final class Invariants {
        int accepted;
        final List<String> pending = new ArrayList<>();
        int confirmed;
        int failed;
        final Map<String, Integer> failureReasons = new TreeMap<>();
        int paymentRowsOverOne;
        final List<String> chargedButFailed = new ArrayList<>();
        final List<String> confirmedUnpaid = new ArrayList<>();
        final List<String> notExactlyOneEmail = new ArrayList<>();
        int emails;
        long seatsTaken;
        long seatsHeld;

        /** The broken promises, empty when all hold. */
        List<String> violations() {
            List<String> violations = new ArrayList<>();
            add(violations, pending.isEmpty(), "accepted bookings not terminal: " + pending.size());
            add(violations, paymentRowsOverOne == 0, "bookings with more than one payment: " + paymentRowsOverOne);
            add(violations, chargedButFailed.isEmpty(), "FAILED while their payment COMPLETED: " + chargedButFailed);
            add(violations, confirmedUnpaid.isEmpty(), "CONFIRMED without a COMPLETED payment: " + confirmedUnpaid);
            add(violations, notExactlyOneEmail.isEmpty(), "outcomes without exactly one email: " + notExactlyOneEmail);
            add(violations, seatsTaken == seatsHeld, "seats taken " + seatsTaken + " != seats of live bookings " + seatsHeld);
            return violations;
        }

        private static void add(List<String> violations, boolean holds, String violation) {
            if (!holds) {
                violations.add(violation);
            }
        }
    }

    /** Checks until every accepted booking is terminal and emailed, or {@code patience} is over; the last result. */
    Invariants await(RunningSystem system, Duration patience) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Invariants invariants = check(system);
        while ((!invariants.pending.isEmpty() || !invariants.notExactlyOneEmail.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(3000);
            invariants = check(system);
        }
        return invariants;
    }

    Invariants check(RunningSystem system) throws SQLException {
        Invariants result = new Invariants();
        Map<String, String> status = new HashMap<>();
        Map<String, String> reason = new HashMap<>();
        // The accepted bookings as of now: load may go on while the checks run.
        Set<String> ids = new TreeSet<>(buyerById.keySet());
        try (Connection booking = connect(system.postgres, "booking")) {
            try (ResultSet rows = booking.createStatement().executeQuery("SELECT id, status, failure_reason FROM bookings")) {
                while (rows.next()) {
                    status.put(rows.getString(1), rows.getString(2));
                    reason.put(rows.getString(1), rows.getString(3));
                }
            }
            // One statement over every event, so a booking committed between two reads cannot look like a lost seat.
            try (ResultSet rows = booking.createStatement().executeQuery("SELECT (SELECT sum(capacity - seats_left) FROM events), "
                    + "(SELECT COALESCE(sum(seats), 0) FROM bookings WHERE status IN ('PENDING', 'CONFIRMED'))")) {
                rows.next();
                result.seatsTaken = rows.getLong(1);
                result.seatsHeld = rows.getLong(2);
            }
        }
        Map<String, String> payment = new HashMap<>();
        try (Connection payments = connect(system.postgres, "payment")) {
            try (ResultSet rows = payments.createStatement().executeQuery("SELECT booking_id, status FROM payments")) {
                while (rows.next()) {
                    if (payment.put(rows.getString(1), rows.getString(2)) != null) {
                        result.paymentRowsOverOne++;
                    }
                }
            }
        }
        result.accepted = ids.size();
        for (String id : ids) {
            String s = status.get(id);
            if (!"CONFIRMED".equals(s) && !"FAILED".equals(s)) {
                result.pending.add(id);
                continue;
            }
            if ("CONFIRMED".equals(s)) {
                result.confirmed++;
                if (!"COMPLETED".equals(payment.get(id))) {
                    result.confirmedUnpaid.add(id);
                }
            } else {
                result.failed++;
                result.failureReasons.merge(String.valueOf(reason.get(id)), 1, Integer::sum);
                if ("COMPLETED".equals(payment.get(id))) {
                    result.chargedButFailed.add(id);
                }
            }
            int received = system.mailbox().messagesTo(buyerById.get(id)).size();
            result.emails += received;
            if (received != 1) {
                result.notExactlyOneEmail.add(id + " (" + received + ")");
            }
        }
        return result;
    }

    private static Connection connect(PostgresServer postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
