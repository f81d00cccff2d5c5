package io.zingtickets.booking;

import static io.zingtickets.booking.Bookings.book;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A burst between two counts of the backlog is bounded too: with no count after start-up, the bound
 * still holds, because every admitted booking counts as pending until a count sees it.
 */
@QuarkusTest
@TestProfile(AdmissionBurstTest.NoCountDuringTheBurst.class)
class AdmissionBurstTest {

    static final int BOUND = 5;

    public static class NoCountDuringTheBurst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zingtickets.backlog.admission.enabled", "true",
                    "zingtickets.backlog.admission.max-pending", Integer.toString(BOUND),
                    "zingtickets.backlog.admission.max-oldest-pending-age", "1h",
                    "zingtickets.backlog.refresh-interval", "1h");
        }
    }

    @Inject
    Pool pool;

    @Inject
    io.zingtickets.booking.backlog.BacklogMonitor monitor;

    @Test
    void aBurstLargerThanTheBoundIsRefusedBeyondIt() {
        startFromAnEmptyBacklog();

        long created = IntStream.range(0, BOUND + 3).map(i -> book(1, 1).extract().statusCode()).filter(s -> s == 201).count();
        assertThat(created).as("bookings admitted while no count ran").isEqualTo(BOUND);
    }

    /**
     * Counts overlap when the database answers slower than the timer ticks (the e2e benchmark saw pending
     * bookings three times the bound): two counts that both saw the same admitted bookings must not take
     * them off twice.
     */
    @Test
    void overlappingCountsTakeNoAdmittedBookingOffTwice() {
        startFromAnEmptyBacklog();
        for (int i = 0; i < 3; i++) {
            book(1, 1).statusCode(201);
        }
        assertThat(monitor.pendingIncludingAdmitted()).as("before any count").isEqualTo(3);

        var first = monitor.refresh();
        var second = monitor.refresh();
        assertThat(first.await().indefinitely().pendingBookings()).isEqualTo(3);
        assertThat(second.await().indefinitely().pendingBookings()).isEqualTo(3);
        assertThat(monitor.pendingIncludingAdmitted()).as("after two overlapping counts").isEqualTo(3);
    }

    /** Other tests of this run leave PENDING bookings nobody pays for; one count of the empty backlog. */
    private void startFromAnEmptyBacklog() {
        pool.query("UPDATE bookings SET status = 'FAILED', failure_reason = 'test_cleanup' WHERE status = 'PENDING'")
                .execute().await().indefinitely();
        assertThat(monitor.refresh().await().indefinitely().pendingBookings()).isZero();
    }
}
