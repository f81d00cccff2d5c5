package io.zingtickets.booking;

import static io.zingtickets.booking.Bookings.seatsLeft;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Forty buyers at once for six seats: exactly six are sold, the others hear 409, never a 500, and a
 * refused buyer leaves no booking row behind.
 */
@QuarkusTest
class ConcurrentBookingTest {

    static final long EVENT = 4; // "The Latency Quartet": 6 seats, used by no other test
    static final int BUYERS = 40;

    @Inject
    Pool database;

    @Test
    void parallelBuyersNeverOversell() throws Exception {
        int available = seatsLeft(EVENT);
        assertThat(available).isEqualTo(6);
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
        List<Future<int[]>> results = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            int seats = 1;
            results.add(pool.submit(() -> {
                start.await();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/bookings"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Bookings.body(EVENT, seats, "buyer@example.com", Bookings.VISA)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return new int[] { response.statusCode(), seats };
            }));
        }
        start.countDown();
        int sold = 0;
        int refused = 0;
        for (Future<int[]> result : results) {
            int[] outcome = result.get();
            assertThat(outcome[0]).as("only 201 or 409, never a 500").isIn(201, 409);
            if (outcome[0] == 201) {
                sold += outcome[1];
            } else {
                refused++;
            }
        }
        pool.shutdown();
        assertThat(sold).as("seats sold").isEqualTo(available);
        assertThat(refused).as("buyers refused with 409").isEqualTo(BUYERS - available);
        assertThat(seatsLeft(EVENT)).isZero();
        Row rows = database.preparedQuery("SELECT count(*) AS bookings, coalesce(sum(seats), 0) AS seats FROM bookings WHERE event_id = $1")
                .execute(Tuple.of(EVENT)).await().indefinitely().iterator().next();
        assertThat(rows.getLong("bookings")).as("booking rows: the refused buyers' were rolled back").isEqualTo(available);
        assertThat(rows.getLong("seats")).as("seats in booking rows").isEqualTo(available);
    }
}
