package io.zingmonitor.runtime.context;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What was worked out once for a client (its hashed id, the baggage that carries it), remembered so
 * that requests and messages do not work it out again. Bounded: past {@link #CLIENTS} clients the
 * memory starts over, so a flood of new addresses costs recomputation, never unbounded memory.
 */
public final class PerClientMemo<V> {

    public static final int CLIENTS = 10_000;

    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Function<String, V> compute;

    public PerClientMemo(Function<String, V> compute) {
        this.compute = compute;
    }

    public V get(String client) {
        V value = values.get(client);
        if (value == null) {
            if (values.size() >= CLIENTS) {
                values.clear();
            }
            value = compute.apply(client);
            values.put(client, value);
        }
        return value;
    }
}
