package io.zingmonitor.deployment.redaction;

import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

/**
 * The application types that need a generated redactor: those declaring a sensitive field, and those
 * that reach one through a field, whether directly, in a collection, a map, an optional or an array
 * ({@code BookingRequest} holds a {@code CardDetails} holding the card number). Without a redactor
 * of its own, an enclosing type would be printed by its {@code toString()}, nested secrets included.
 */
final class PayloadTypes {

    private PayloadTypes() {
    }

    static Set<DotName> needingRedactors(IndexView applicationIndex, Collection<String> typesWithSensitiveFields) {
        Set<DotName> needing = new LinkedHashSet<>();
        for (String type : typesWithSensitiveFields) {
            ClassInfo info = applicationIndex.getClassByName(DotName.createSimple(type));
            if (info != null && writable(info)) {
                needing.add(info.name());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ClassInfo type : applicationIndex.getKnownClasses()) {
                if (!needing.contains(type.name()) && writable(type) && reachesAny(type, needing)) {
                    needing.add(type.name());
                    grew = true;
                }
            }
        }
        Set<DotName> sorted = new TreeSet<>(java.util.Comparator.comparing(DotName::toString));
        sorted.addAll(needing);
        return sorted;
    }

    /**
     * A concrete class that generated code in its package can name: not an interface, enum,
     * annotation or private nested class (whose instances, if any, fall back to the text scan).
     */
    static boolean writable(ClassInfo type) {
        return !type.isInterface() && !type.isEnum() && !type.isAnnotation() && !Modifier.isAbstract(type.flags())
                && !Modifier.isPrivate(type.flags()) && !type.isSynthetic();
    }

    private static boolean reachesAny(ClassInfo type, Set<DotName> targets) {
        for (FieldInfo field : type.fields()) {
            if (!Modifier.isStatic(field.flags()) && mentions(field.type(), targets)) {
                return true;
            }
        }
        return false;
    }

    /** Collections, maps and optionals: what {@code RedactedJson} writes element by element. */
    private static boolean isContainer(DotName type) {
        String name = type.toString();
        return name.equals("java.lang.Iterable")
                || (name.startsWith("java.util.") && name.lastIndexOf('.') == "java.util".length()); // not java.util.function
    }

    private static boolean mentions(Type type, Set<DotName> targets) {
        return switch (type.kind()) {
            case CLASS -> targets.contains(type.name());
            // Only containers of data count: a bean holding an Emitter<PaymentCompleted> is no payload.
            case PARAMETERIZED_TYPE -> targets.contains(type.name()) || (isContainer(type.name())
                    && type.asParameterizedType().arguments().stream().anyMatch(argument -> mentions(argument, targets)));
            case ARRAY -> mentions(type.asArrayType().constituent(), targets);
            case WILDCARD_TYPE -> mentions(type.asWildcardType().extendsBound(), targets);
            default -> false;
        };
    }
}
