package io.zingmonitor.runtime.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Caps how many distinct values any one tag of any one meter may take. A tag fed an id or an email by
 * mistake would otherwise create a series per value until Prometheus falls over; past the cap the
 * value becomes {@code OTHER} and the overflow is counted per meter and tag, so the mistake is visible.
 */
public final class CardinalityGuardMeterFilter implements MeterFilter, MeterBinder {

    public static final String OVERFLOW_VALUE = "OTHER";

    private final int maxValuesPerTag;
    private final Map<String, Set<String>> seenValues = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> overflows = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    public CardinalityGuardMeterFilter(int maxValuesPerTag) {
        this.maxValuesPerTag = maxValuesPerTag;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getName().equals(MeterCatalogue.CARDINALITY_OVERFLOW.micrometerName())) {
            return id;
        }
        List<Tag> mapped = null;
        int index = 0;
        for (Tag tag : id.getTagsAsIterable()) {
            String seenKey = id.getName() + '\u0000' + tag.getKey();
            Set<String> values = seenValues.computeIfAbsent(seenKey, k -> ConcurrentHashMap.newKeySet());
            boolean admitted = values.contains(tag.getValue())
                    || (values.size() < maxValuesPerTag && values.add(tag.getValue()));
            if (!admitted) {
                if (mapped == null) {
                    mapped = new ArrayList<>();
                    id.getTagsAsIterable().forEach(mapped::add);
                }
                mapped.set(index, Tag.of(tag.getKey(), OVERFLOW_VALUE));
                overflow(id.getName(), tag.getKey()).increment();
            }
            index++;
        }
        return mapped == null ? id : id.replaceTags(mapped);
    }

    private LongAdder overflow(String meter, String tag) {
        return overflows.computeIfAbsent(meter + '\u0000' + tag, key -> {
            LongAdder adder = new LongAdder();
            MeterRegistry target = registry;
            if (target != null) {
                register(target, meter, tag, adder);
            }
            return adder;
        });
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        overflows.forEach((key, adder) -> {
            String[] parts = key.split("\u0000", 2);
            register(meterRegistry, parts[0], parts[1], adder);
        });
    }

    private static void register(MeterRegistry registry, String meter, String tag, LongAdder adder) {
        MeterCatalogue.CARDINALITY_OVERFLOW.functionCounter(adder, LongAdder::sum)
                .tags("meter", meter, "tag", tag)
                .register(registry);
    }
}
