package io.zingmonitor.deployment.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;

import io.zingmonitor.runtime.plan.TelemetryPlan.SensitiveField;

/**
 * Finds the fields of the application's own classes that must never be logged: those marked
 * {@code @Sensitive}, and those whose names say they hold a secret.
 */
final class SensitiveFieldDiscovery {

    private SensitiveFieldDiscovery() {
    }

    static List<SensitiveField> discover(IndexView applicationIndex, Pattern sensitiveNames) {
        List<SensitiveField> fields = new ArrayList<>();
        for (ClassInfo type : applicationIndex.getKnownClasses()) {
            boolean cardType = type.simpleName() != null && type.simpleName().toLowerCase(Locale.ROOT).contains("card");
            for (FieldInfo field : type.fields()) {
                if (field.isSynthetic() || java.lang.reflect.Modifier.isStatic(field.flags())) {
                    continue;
                }
                // @Sensitive masks a field of any type (a whole nested object); names only flag data.
                String reason = annotated(type, field) ? "annotated @Sensitive"
                        : holdsData(field) ? reason(type, field, cardType, sensitiveNames) : null;
                if (reason != null) {
                    fields.add(new SensitiveField(type.name().toString(), field.name(), reason));
                }
            }
        }
        fields.sort(Comparator.comparing(SensitiveField::type).thenComparing(SensitiveField::field));
        return List.copyOf(fields);
    }

    private static String reason(ClassInfo type, FieldInfo field, boolean cardType, Pattern sensitiveNames) {
        if (sensitiveNames.matcher(field.name()).matches()) {
            return "name matches zingmonitor.redaction.field-names";
        }
        if (cardType && field.name().equalsIgnoreCase("number")) {
            return "number of a card type";
        }
        return null;
    }

    private static boolean annotated(ClassInfo type, FieldInfo field) {
        return field.hasAnnotation(DotNames.SENSITIVE) || recordComponentAnnotated(type, field);
    }

    /** Values that can be printed: text and numbers, not a collaborator named like a secret (a tokenizer). */
    private static boolean holdsData(FieldInfo field) {
        String type = field.type().name().toString();
        return DATA_TYPES.contains(type) || field.type().kind() == org.jboss.jandex.Type.Kind.PRIMITIVE;
    }

    private static final java.util.Set<String> DATA_TYPES = java.util.Set.of("java.lang.String", "java.lang.CharSequence",
            "[C", "[B", "java.lang.Long", "java.lang.Integer", "java.math.BigInteger", "java.math.BigDecimal");

    private static boolean recordComponentAnnotated(ClassInfo type, FieldInfo field) {
        if (!type.isRecord()) {
            return false;
        }
        var component = type.recordComponent(field.name());
        return component != null && component.hasAnnotation(DotNames.SENSITIVE);
    }
}
