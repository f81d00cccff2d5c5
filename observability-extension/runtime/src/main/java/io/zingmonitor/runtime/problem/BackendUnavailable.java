package io.zingmonitor.runtime.problem;

import java.util.List;
import java.util.Set;

/**
 * Tells a backend outage from a bug: whether an exception, or one of its causes, is of a type configured in
 * {@code zingmonitor.problem.unavailable-exceptions} (or a subclass of one). Types are compared by name, so the
 * list may name classes of libraries a service does not have (a Vert.x SQL client without a database).
 */
public final class BackendUnavailable {

    private final Set<String> types;

    public BackendUnavailable(List<String> types) {
        this.types = Set.copyOf(types);
    }

    public boolean causes(Throwable exception) {
        // A bounded walk: a cause chain that loops back on itself ends the search.
        Throwable current = exception;
        for (int depth = 0; current != null && depth < 16; depth++) {
            for (Class<?> type = current.getClass(); type != null; type = type.getSuperclass()) {
                if (types.contains(type.getName())) {
                    return true;
                }
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }
}
