package io.zingmonitor.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

class MeterCatalogueTest {

    /**
     * The generators query the catalogue's Prometheus names; they must be the names the Prometheus
     * registry scrapes for the meters the runtime registers through the catalogue's builders (and for
     * Quarkus's meters, registered with the catalogue's name, type and base unit).
     */
    @Test
    void everyPrometheusNameIsTheNameTheRegistryScrapes() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (MeterCatalogue meter : MeterCatalogue.values()) {
            String[] tags = meter.tags().stream().flatMap(tag -> java.util.stream.Stream.of(tag, "x")).toArray(String[]::new);
            if (meter.source() == MeterCatalogue.Source.ZINGMONITOR) {
                switch (meter.kind()) {
                    case COUNTER -> meter.counter().tags(tags).register(registry).increment();
                    case TIMER -> meter.timer().tags(tags).register(registry).record(Duration.ofMillis(5));
                    case GAUGE -> {
                        if (meter.tags().isEmpty()) {
                            meter.gauge(this, ignored -> 1).register(registry);
                        } else {
                            meter.multiGauge().register(registry).register(java.util.List.of(MultiGauge.Row.of(Tags.of(tags), 1)));
                        }
                    }
                }
            } else {
                switch (meter.kind()) {
                    case TIMER -> Timer.builder(meter.micrometerName()).tags(tags).register(registry).record(Duration.ofMillis(5));
                    case GAUGE -> Gauge.builder(meter.micrometerName(), () -> 1).baseUnit(meter.baseUnit()).tags(tags)
                            .register(registry);
                    case COUNTER -> throw new AssertionError("no Quarkus counter in the catalogue yet: register it here");
                }
            }
        }
        Set<String> scraped = registry.scrape().lines().filter(line -> !line.startsWith("#"))
                .map(line -> line.replaceAll("[{ ].*", "")).collect(Collectors.toSet());

        for (MeterCatalogue meter : MeterCatalogue.values()) {
            if (meter.kind() == MeterCatalogue.Kind.TIMER) {
                assertThat(scraped).as(meter.name()).contains(meter.count(), meter.sum());
            } else {
                assertThat(scraped).as(meter.name()).contains(meter.prometheusName());
            }
        }
    }

    @Test
    void namesAndSeriesAreUnique() {
        assertThat(Arrays.stream(MeterCatalogue.values()).map(MeterCatalogue::micrometerName)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(MeterCatalogue.values()).flatMap(m -> m.series().stream())).doesNotHaveDuplicates();
    }
}
