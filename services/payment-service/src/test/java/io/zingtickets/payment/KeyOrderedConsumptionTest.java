package io.zingtickets.payment;

import static io.zingtickets.payment.BookingEvents.DECLINED_CARD;
import static io.zingtickets.payment.BookingEvents.GOOD_CARD;
import static io.zingtickets.payment.BookingEvents.bookingRequested;
import static io.zingtickets.payment.PaymentFlowTest.setGateway;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zingmonitor.runtime.telemetry.MeterCatalogue;
import io.zingtickets.infra.testing.KafkaTestClient;

/**
 * Key-ordered concurrent consumption of booking.requested, through a real broker and database: many
 * bookings in flight on each consumer, one booking's records in order, and offsets committed only below
 * the oldest unfinished record, so a consumer that takes the partitions over misses none.
 */
@QuarkusTest
class KeyOrderedConsumptionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOTSTRAP = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    /** Kafka consumers per channel in application.properties: the most in flight without lanes. */
    private static final int CONSUMERS = 4;

    final KafkaTestClient kafka = new KafkaTestClient(BOOTSTRAP);

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @AfterEach
    void restoreGateway() {
        setGateway(5, 0, 0.0);
    }

    /**
     * Each booking is requested three times, first with a declined card. In order, the first request decides
     * (declined) and the two after it only republish that outcome: one gateway call per booking. Had two
     * requests of one booking run side by side, the second would find the first's payment still pending
     * and authorize again. Meanwhile the bookings themselves are paid side by side: more payments wait on
     * the gateway at once than there are consumers.
     */
    @Test
    void recordsOfOneBookingStayInOrderWhileDifferentBookingsOverlap() throws Exception {
        warmUp();
        setGateway(800, 100, 0.0);
        List<UUID> bookings = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID()).toList();
        long authorizationsBefore = authorizations();

        // All 120 records at once, a booking's three back to back: without per-key order they would overlap.
        try (KafkaProducer<String, String> producer = producer()) {
            for (UUID id : bookings) {
                for (String card : List.of(DECLINED_CARD, GOOD_CARD, GOOD_CARD)) {
                    producer.send(new ProducerRecord<>("booking.requested", id.toString(), bookingRequested(id, card)));
                }
            }
        }
        List<ConsumerRecord<String, String>> outcomes = kafka.awaitRecords("payment.failed",
                record -> bookings.stream().anyMatch(id -> id.toString().equals(record.key())), 3 * bookings.size(), PATIENCE);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(JSON.readTree(outcome.value()).get("reason").asText())
                .as("every request of a booking answered by its first one").isEqualTo("card_declined"));
        assertThat(authorizations() - authorizationsBefore).as("gateway calls: one per booking").isEqualTo(bookings.size());
        // Every outcome of a booking carries the time of its one decision. Four consumers taking one record at a
        // time would need at least 40 / 4 x 700 ms (the shortest gateway latency) = 7 s for the 40 decisions;
        // side by side they take a few gateway latencies (bookings sharing a lane wait for each other).
        Map<String, String> decidedAt = new HashMap<>();
        outcomes.forEach(outcome -> decidedAt.put(outcome.key(), readTree(outcome).get("processedAt").asText()));
        List<java.time.Instant> decisions = decidedAt.values().stream().map(java.time.Instant::parse).sorted().toList();
        assertThat(decisions).hasSize(bookings.size());
        assertThat(Duration.between(decisions.get(0), decisions.get(decisions.size() - 1)))
                .as("time between the first and the last decision").isLessThan(Duration.ofMillis(5000));
        // Each record is processed in its own trace context: its outcome continues the booking's trace.
        Map<String, Set<String>> traceIdsByBooking = new HashMap<>();
        for (ConsumerRecord<String, String> outcome : outcomes) {
            var traceparent = outcome.headers().lastHeader("traceparent");
            assertThat(traceparent).as("trace context on the outcome of %s", outcome.key()).isNotNull();
            traceIdsByBooking.computeIfAbsent(outcome.key(), key -> new HashSet<>())
                    .add(new String(traceparent.value(), java.nio.charset.StandardCharsets.UTF_8).split("-")[1]);
        }
        assertThat(traceIdsByBooking.values().stream().flatMap(Set::stream).distinct().count())
                .as("trace ids: one per record, none shared between bookings").isEqualTo(outcomes.size());
    }

    /**
     * Payments stuck in a slow gateway are in flight when another member of the group takes partitions over:
     * it must be handed every unfinished record (the committed offsets stop below them) and none of the
     * finished ones. When it leaves again, the service pays the rest, and each booking has one payment and
     * one outcome however often it was delivered.
     */
    @Test
    void aConsumerTakingOverMidBatchGetsEveryUnfinishedRecordAndEffectsHappenOnce() throws Exception {
        warmUp();
        List<UUID> finished = IntStream.range(0, 24).mapToObj(i -> UUID.randomUUID()).toList();
        finished.forEach(id -> kafka.produce("booking.requested", id.toString(), bookingRequested(id, GOOD_CARD)));
        kafka.awaitRecords("payment.completed", keyedBy(finished), finished.size(), PATIENCE);

        setGateway(30_000, 0, 0.0);
        List<UUID> inFlight = IntStream.range(0, 24).mapToObj(i -> UUID.randomUUID()).toList();
        inFlight.forEach(id -> kafka.produce("booking.requested", id.toString(), bookingRequested(id, GOOD_CARD)));
        // All waiting on the gateway (30 s) and past the auto-commit interval (5 s): whatever the service may
        // commit, it has committed.
        Thread.sleep(8_000);

        Map<String, Long> handedOver = new HashMap<>();
        Set<TopicPartition> takenOver = new HashSet<>();
        try (KafkaConsumer<String, String> takeOver = groupMember()) {
            takeOver.subscribe(List.of("booking.requested"));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // Partitions arrive after the group has rebalanced; then read everything they hold.
            long quietSince = 0;
            while (System.nanoTime() < until) {
                var records = takeOver.poll(Duration.ofMillis(200));
                records.forEach(record -> handedOver.merge(record.key(), record.offset(), Math::min));
                takenOver.addAll(takeOver.assignment());
                if (!takenOver.isEmpty() && records.isEmpty()) {
                    if (quietSince == 0) {
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
                        break;
                    }
                } else {
                    quietSince = 0;
                }
            }
        }
        setGateway(5, 0, 0.0);

        assertThat(takenOver).as("partitions handed to the new member").isNotEmpty();
        List<UUID> unfinishedThere = onPartitions(inFlight, takenOver);
        List<UUID> finishedThere = onPartitions(finished, takenOver);
        assertThat(handedOver.keySet()).as("unfinished records on the taken partitions, none skipped")
                .containsAll(unfinishedThere.stream().map(UUID::toString).toList());
        assertThat(handedOver.keySet()).as("finished records were committed and not handed over")
                .doesNotContainAnyElementsOf(finishedThere.stream().map(UUID::toString).toList());

        List<ConsumerRecord<String, String>> outcomes =
                kafka.awaitRecords("payment.completed", keyedBy(inFlight), inFlight.size(), PATIENCE);
        awaitDecided(inFlight);
        for (UUID id : inFlight) {
            assertThat(paymentRows(id)).as("payments of booking %s", id).isEqualTo(1);
        }
        Map<String, Set<String>> paymentIds = new HashMap<>();
        for (ConsumerRecord<String, String> outcome : kafka.recordsWithin("payment.completed", keyedBy(inFlight),
                Duration.ofSeconds(1))) {
            paymentIds.computeIfAbsent(outcome.key(), key -> new HashSet<>())
                    .add(JSON.readTree(outcome.value()).get("paymentId").asText());
        }
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(inFlight.size());
        assertThat(paymentIds).hasSize(inFlight.size())
                .allSatisfy((booking, ids) -> assertThat(ids).as("payment ids announced for %s", booking).hasSize(1));
    }

    private void warmUp() {
        // Once one payment went through, the consumer group has settled its partitions.
        UUID warmUp = UUID.randomUUID();
        kafka.produce("booking.requested", warmUp.toString(), bookingRequested(warmUp, GOOD_CARD));
        kafka.awaitRecord("payment.completed", keyedBy(List.of(warmUp)), PATIENCE);
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> groupMember() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "payment-service");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }

    /** The bookings whose records land on one of {@code partitions} (Kafka's default partitioner). */
    private static List<UUID> onPartitions(List<UUID> bookings, Set<TopicPartition> partitions) {
        List<UUID> there = new ArrayList<>();
        for (UUID id : bookings) {
            int partition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                    id.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 12;
            if (partitions.contains(new TopicPartition("booking.requested", partition))) {
                there.add(id);
            }
        }
        return there;
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> keyedBy(List<UUID> bookings) {
        Set<String> keys = new HashSet<>(bookings.stream().map(UUID::toString).toList());
        return record -> keys.contains(record.key());
    }

    private void awaitDecided(List<UUID> bookings) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (decided(bookings) < bookings.size()) {
            assertThat(System.nanoTime()).as("all payments decided").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long decided(List<UUID> bookings) {
        return count("status <> 'PENDING'", bookings);
    }

    private long count(String condition, List<UUID> bookings) {
        return pool.preparedQuery("SELECT count(*) FROM payments WHERE " + condition + " AND booking_id::text = ANY($1)")
                .execute(Tuple.of(bookings.stream().map(UUID::toString).toArray(String[]::new)))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private long paymentRows(UUID bookingId) {
        return pool.preparedQuery("SELECT count(*) FROM payments WHERE booking_id = $1")
                .execute(Tuple.of(bookingId))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private long authorizations() {
        return registry.find(MeterCatalogue.OPERATION_DURATION.micrometerName()).tag("operation", "payment.gateway.authorize").timers()
                .stream().mapToLong(Timer::count).sum();
    }
}
