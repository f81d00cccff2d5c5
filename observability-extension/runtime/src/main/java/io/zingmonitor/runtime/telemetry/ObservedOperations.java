package io.zingmonitor.runtime.telemetry;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which parameters of each {@code @Observed} method are telemetry attributes, as discovered at build
 * time: the interceptor looks them up here instead of reading parameter annotations reflectively. A
 * synthetic bean, recorded at static init.
 */
public final class ObservedOperations {

    private static final String[] NONE = new String[0];

    private final Map<String, List<String>> attributesByMethod;

    public ObservedOperations(Map<String, List<String>> attributesByMethod) {
        this.attributesByMethod = Map.copyOf(attributesByMethod);
    }

    /**
     * Attribute names by parameter position; {@code null} where a parameter is not an attribute. The
     * interceptor keeps the answer per method.
     */
    String[] attributes(Method method) {
        List<String> names = attributesByMethod.get(key(method));
        return names == null ? NONE : names.toArray(String[]::new);
    }

    static String key(Method method) {
        return key(method.getDeclaringClass().getName(), method.getName(),
                Arrays.stream(method.getParameterTypes()).map(Class::getName).toList());
    }

    /**
     * {@code com.acme.Service#book(java.lang.String,int)}, with erased parameter types in
     * {@link Class#getName()} form: the build step computes it from the index, the interceptor from
     * the invoked method.
     */
    public static String key(String declaringClass, String method, List<String> parameterTypes) {
        return declaringClass + "#" + method + "(" + String.join(",", parameterTypes) + ")";
    }
}
