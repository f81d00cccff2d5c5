package io.zingmonitor.deployment.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;
import io.zingmonitor.Observed;
import io.zingmonitor.PayloadRedactor;
import io.zingmonitor.Sensitive;
import io.zingmonitor.TelemetryAttribute;
import io.zingmonitor.deployment.telemetry.InMemorySpans;
import io.zingmonitor.runtime.redaction.SensitiveFieldRedactors;

/**
 * Payloads logged through {@link PayloadRedactor} and passed as span attributes show their sensitive
 * fields masked by the redactors generated at build time, nested types and collections included, and
 * a card number inside free text is masked too. The secrets are chosen so that the text scan alone
 * would not catch them: only the generated redactors can.
 */
class PayloadRedactionTest {

    static final Path LOG_FILE = Path.of("target", "payload-redaction-test.log");
    static final String PASSPORT = "P-88231-Z";
    static final String CVC = "737";
    static final String PIN = "p1n-8842";
    static final String CARD_IN_TEXT = "4000 0566 5566 5556";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Traveller.class, Card.class, Order.class, Account.class,
                    BaseAccount.class, Plain.class, TravellerFeed.class, OrderService.class, InMemorySpans.class))
            .overrideConfigKey("quarkus.log.file.enabled", "true")
            .overrideConfigKey("quarkus.log.file.path", LOG_FILE.toString())
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
            .overrideConfigKey("quarkus.otel.traces.sampler", "always_on")
            .setBeforeAllCustomizer(() -> LOG_FILE.toFile().delete());

    @Inject
    OrderService service;

    @Inject
    InMemorySpanExporter spans;

    static Order order() {
        var traveller = new Traveller("Ada", PASSPORT);
        return new Order("o-1", 2, traveller, List.of(new Card("12/30", CVC), new Card("01/31", "9931")),
                Map.of("seat", "12A"), Optional.of(traveller), "please call, card " + CARD_IN_TEXT);
    }

    @Test
    void generatedRedactorsWriteNestedTypesAndCollectionsWithSensitiveFieldsMasked() {
        assertThat(PayloadRedactor.toLogString(order())).isEqualTo("{\"id\":\"o-1\",\"seats\":2,"
                + "\"traveller\":{\"name\":\"Ada\",\"passportNumber\":\"[REDACTED]\"},"
                + "\"cards\":[{\"expiry\":\"12/30\",\"cvc\":\"[REDACTED]\"},{\"expiry\":\"01/31\",\"cvc\":\"[REDACTED]\"}],"
                + "\"extras\":{\"seat\":\"12A\"},\"contact\":{\"name\":\"Ada\",\"passportNumber\":\"[REDACTED]\"},"
                + "\"note\":\"please call, card ****5556\"}");
        // A class read through its getters, its superclass's fields first; a name-flagged field masked.
        assertThat(PayloadRedactor.toLogString(new Account("acme", PIN, 3)))
                .isEqualTo("{\"region\":\"eu\",\"owner\":\"acme\",\"pin\":\"[REDACTED]\",\"seats\":3}");
        // No generated redactor for a type without secrets: its text, scanned like any log line.
        assertThat(PayloadRedactor.toLogString(new Plain("card " + CARD_IN_TEXT))).isEqualTo("Plain[note=card ****5556]");
        // Only payload types: not TravellerFeed, whose Supplier<Traveller> is no container of data.
        assertThat(SensitiveFieldRedactors.types()).containsExactlyInAnyOrder(Traveller.class, Card.class, Order.class,
                Account.class);
    }

    @Test
    void secretsNeverReachTheLogOutputOrSpanAttributes() throws Exception {
        service.place(order(), "customer says: charge " + CARD_IN_TEXT);
        service.open(new Account("acme", PIN, 1));

        // The file is ECS JSON: quotes inside a message are escaped; unescape them so that a payload's
        // fields (and a leaked "737") read the same in either log format.
        String output = await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(LOG_FILE),
                text -> text.contains("Opening account")).replace("\\\"", "\"");
        assertThat(output).contains("Placing order {\"id\":\"o-1\"", "\"passportNumber\":\"[REDACTED]\"", "****5556");
        assertThat(output).doesNotContain(PASSPORT, CARD_IN_TEXT, "\"" + CVC + "\"", PIN);

        SpanData span = await().atMost(Duration.ofSeconds(10)).until(
                () -> spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("order.place")).findFirst(),
                Optional::isPresent).get();
        String attributes = span.getAttributes().toString();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("order"))).contains("\"passportNumber\":\"[REDACTED]\"");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("remark"))).isEqualTo("customer says: charge ****5556");
        assertThat(attributes).doesNotContain(PASSPORT, CARD_IN_TEXT, "\"" + CVC + "\"");
    }

    public record Traveller(String name, @Sensitive String passportNumber) {
    }

    /** {@code cvc} is sensitive by its name alone. */
    public record Card(String expiry, String cvc) {
    }

    /** No sensitive field of its own: it needs a redactor because it holds types that have them. */
    public record Order(String id, int seats, Traveller traveller, List<Card> cards, Map<String, String> extras,
            Optional<Traveller> contact, String note) {
    }

    public static class BaseAccount {
        private final String region = "eu";

        public String getRegion() {
            return region;
        }
    }

    /** A bean-style class: private fields read through getters; {@code pin} is sensitive by its name. */
    public static class Account extends BaseAccount {
        private final String owner;
        private final String pin;
        private final int seats;

        public Account(String owner, String pin, int seats) {
            this.owner = owner;
            this.pin = pin;
            this.seats = seats;
        }

        public String getOwner() {
            return owner;
        }

        public String getPin() {
            return pin;
        }

        public int getSeats() {
            return seats;
        }

        @Override
        public String toString() {
            return "Account " + owner + " pin " + pin;
        }
    }

    public record Plain(String note) {
    }

    /** A collaborator, not a payload: a supplier of travellers is no container of them. */
    public static class TravellerFeed {
        public java.util.function.Supplier<Traveller> next;
    }

    @ApplicationScoped
    public static class OrderService {
        private static final Logger LOG = Logger.getLogger(OrderService.class);

        @Observed("order.place")
        public void place(@TelemetryAttribute("order") Order order, @TelemetryAttribute("remark") String remark) {
            LOG.infof("Placing order %s", PayloadRedactor.toLogString(order));
            LOG.info(remark);
        }

        public void open(Account account) {
            LOG.infof("Opening account %s", PayloadRedactor.toLogString(account));
        }
    }
}
