package io.zingmonitor.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Library meters renamed to Prometheus's conventions; conforming meters left alone. */
class PrometheusNamingMeterFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    PrometheusNamingMeterFilterTest() {
        registry.config().meterFilter(new PrometheusNamingMeterFilter());
    }

    @Test
    void abbreviatedUnitsAreSpelledOut() {
        Gauge.builder("kafka.producer.buffer.kb", () -> 1).register(registry);

        assertThat(registry.find("kafka.producer.buffer.kilobytes").gauge()).isNotNull();
    }

    @Test
    void timingsInNonBaseUnitsAndLongTaskTimersAreDroppedNotMislabelled() {
        FunctionCounter.builder("kafka.consumer.io.time.ns.total", this, x -> 1).register(registry);
        FunctionCounter.builder("process.cpu.time", this, x -> 1).baseUnit("ns").register(registry);
        io.micrometer.core.instrument.LongTaskTimer.builder("mail.connections").register(registry);
        Gauge.builder("kafka.consumer.io.wait.ratio", () -> 1).register(registry);

        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).containsExactly("kafka.consumer.io.wait.ratio");
    }

    @Test
    void gaugesNamedCountBecomePlural() {
        Gauge.builder("kafka.producer.connection.count", () -> 3).register(registry);

        assertThat(registry.find("kafka.producer.connections").gauge()).isNotNull();
        assertThat(registry.find("kafka.producer.connection.count").gauge()).isNull();
    }

    @Test
    void camelCaseTagKeysBecomeSnakeCaseAndMissingHelpIsFilledIn() {
        Gauge.builder("postgresql.queue.size", () -> 0).tag("clientName", "booking").tag("kind", "sql").register(registry);

        var gauge = registry.find("postgresql.queue.size").gauge();
        assertThat(gauge.getId().getTag("client_name")).isEqualTo("booking");
        assertThat(gauge.getId().getTag("clientName")).isNull();
        assertThat(gauge.getId().getTag("kind")).isEqualTo("sql");
        assertThat(gauge.getId().getDescription()).isNotBlank();
    }

    @Test
    void conformingMetersKeepNameTagsAndDescription() {
        Gauge.builder("jvm.threads.live", () -> 1).description("Live threads").tag("area", "heap").register(registry);

        var gauge = registry.find("jvm.threads.live").gauge();
        assertThat(gauge.getId().getDescription()).isEqualTo("Live threads");
        assertThat(gauge.getId().getTag("area")).isEqualTo("heap");
    }
}
