package io.zingmonitor.runtime.telemetry;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * Which parameters of each {@code @Observed} method are telemetry attributes, as discovered at build
 * time: the interceptor looks them up here instead of reading parameter annotations reflectively.
 */
public final class ObservedOperations {

    private static final String[] NONE = new String[0];

    private static volatile Map<String, List<String>> attributesByMethod = Map.of();

    private ObservedOperations() {
    }

    static void register(Map<String, List<String>> attributes) {
        attributesByMethod = Map.copyOf(attributes);
    }

    /**
     * Attribute names by parameter position; {@code null} where a parameter is not an attribute. The
     * interceptor keeps the answer per method.
     */
    static String[] attributes(Method method) {
        List<String> names = attributesByMethod.get(key(method));
        return names == null ? NONE : names.toArray(String[]::new);
    }

    /** {@code com.acme.Service#book(java.lang.String,int)}: the same key the build step computes. */
    public static String key(Method method) {
        StringBuilder key = new StringBuilder(method.getDeclaringClass().getName()).append('#')
                .append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                key.append(',');
            }
            key.append(types[i].getName());
        }
        return key.append(')').toString();
    }
}
