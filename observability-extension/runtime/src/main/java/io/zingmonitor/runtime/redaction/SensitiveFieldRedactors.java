package io.zingmonitor.runtime.redaction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated redactors of this application by the type they write, registered once at static
 * init by {@link RedactionRecorder}. Looked up by exact class, so a lookup is one hash probe.
 * <p>
 * Static on purpose: {@code PayloadRedactor.toLogString} is a static API that any code may call in
 * a log statement (a constructor, a static initializer, a class that is no bean), and the log filter
 * and interceptors use the same redactors; a bean lookup there would cost a container call per value.
 */
public final class SensitiveFieldRedactors {

    private static volatile Map<Class<?>, SensitiveFieldRedactor> byType = Map.of();

    private SensitiveFieldRedactors() {
    }

    static void register(List<SensitiveFieldRedactor> redactors) {
        Map<Class<?>, SensitiveFieldRedactor> map = new HashMap<>();
        for (SensitiveFieldRedactor redactor : redactors) {
            map.put(redactor.type(), redactor);
        }
        byType = Map.copyOf(map);
    }

    /** The generated redactor of exactly this type, or {@code null} when it has none. */
    public static SensitiveFieldRedactor forType(Class<?> type) {
        return byType.get(type);
    }

    /** The types that have a generated redactor. */
    public static java.util.Set<Class<?>> types() {
        return byType.keySet();
    }
}
