package io.zingmonitor.runtime.ratelimit;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rejections per client, kept for at most a bounded number of clients, and the top N of them: the
 * abuse dashboard's "who is hammering us" without a series per client.
 */
final class OffenderRanking {

    record Offender(String client, long rejections) {
    }

    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final int maxClients;

    OffenderRanking(int maxClients) {
        this.maxClients = maxClients;
    }

    void record(String client) {
        LongAdder adder = rejections.get(client);
        if (adder == null) {
            if (rejections.size() >= maxClients) {
                evictSmallest();
            }
            adder = rejections.computeIfAbsent(client, c -> new LongAdder());
        }
        adder.increment();
    }

    List<Offender> top(int n) {
        return rejections.entrySet().stream()
                .map(e -> new Offender(e.getKey(), e.getValue().sum()))
                .sorted(Comparator.comparingLong(Offender::rejections).reversed().thenComparing(Offender::client))
                .limit(n)
                .toList();
    }

    /** Rarely reached (a flood from very many addresses); dropping the least active keeps the top N right. */
    private synchronized void evictSmallest() {
        if (rejections.size() < maxClients) {
            return;
        }
        rejections.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().sum()))
                .limit(Math.max(1, maxClients / 10))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(rejections::remove);
    }
}
