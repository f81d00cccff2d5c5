package io.zingmonitor.deployment.redaction;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.PrimitiveType;
import org.jboss.jandex.Type;

import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.FieldDescriptor;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;
import io.zingmonitor.runtime.redaction.RedactedJson;
import io.zingmonitor.runtime.redaction.SensitiveFieldRedactor;

/**
 * Generates the {@link SensitiveFieldRedactor} of one payload type, in the type's own package so that
 * it may read package-private fields. Each field is read through the cheapest accessible way (a
 * non-private field, a record accessor, a getter); a sensitive field is never read at all, only
 * named. A private field without an accessible getter is left out of the view.
 */
final class SensitiveFieldRedactorGenerator {

    static final String SUFFIX = "$$ZingMonitorRedactor";

    private static final MethodDescriptor FIELD = MethodDescriptor.ofMethod(RedactedJson.class, "field", void.class,
            String.class, Object.class);
    private static final MethodDescriptor MASKED_FIELD = MethodDescriptor.ofMethod(RedactedJson.class, "maskedField",
            void.class, String.class);
    private static final Map<PrimitiveType.Primitive, Class<?>[]> BOXES = Map.of(
            PrimitiveType.Primitive.BOOLEAN, new Class<?>[] { Boolean.class, boolean.class },
            PrimitiveType.Primitive.BYTE, new Class<?>[] { Byte.class, byte.class },
            PrimitiveType.Primitive.SHORT, new Class<?>[] { Short.class, short.class },
            PrimitiveType.Primitive.CHAR, new Class<?>[] { Character.class, char.class },
            PrimitiveType.Primitive.INT, new Class<?>[] { Integer.class, int.class },
            PrimitiveType.Primitive.LONG, new Class<?>[] { Long.class, long.class },
            PrimitiveType.Primitive.FLOAT, new Class<?>[] { Float.class, float.class },
            PrimitiveType.Primitive.DOUBLE, new Class<?>[] { Double.class, double.class });

    private final IndexView index;
    private final ClassOutput output;

    SensitiveFieldRedactorGenerator(IndexView index, ClassOutput output) {
        this.index = index;
        this.output = output;
    }

    /** Generates the redactor of {@code type}; returns its class name. */
    String generate(ClassInfo type, Set<String> sensitiveFields) {
        String redactorName = type.name().toString() + SUFFIX;
        try (ClassCreator redactor = ClassCreator.builder().classOutput(output).className(redactorName)
                .interfaces(SensitiveFieldRedactor.class).build()) {
            MethodCreator typeMethod = redactor.getMethodCreator("type", Class.class);
            typeMethod.returnValue(typeMethod.loadClass(type.name().toString()));

            MethodCreator write = redactor.getMethodCreator("writeFields", void.class, Object.class, RedactedJson.class);
            ResultHandle value = write.checkCast(write.getMethodParam(0), type.name().toString());
            ResultHandle json = write.getMethodParam(1);
            for (FieldInfo field : fields(type)) {
                if (sensitiveFields.contains(field.name())) {
                    write.invokeVirtualMethod(MASKED_FIELD, json, write.load(field.name()));
                    continue;
                }
                ResultHandle read = read(write, type, field, value);
                if (read != null) {
                    write.invokeVirtualMethod(FIELD, json, write.load(field.name()), box(write, field.type(), read));
                }
            }
            write.returnValue(null);
        }
        return redactorName;
    }

    /** Instance fields in declaration order, the superclasses' (that the index knows) first. */
    private List<FieldInfo> fields(ClassInfo type) {
        List<FieldInfo> fields = new ArrayList<>();
        DotName superName = type.superName();
        ClassInfo superclass = superName == null ? null : index.getClassByName(superName);
        if (superclass != null && !superclass.name().toString().equals("java.lang.Object")
                && !superclass.name().toString().equals("java.lang.Record")) {
            fields.addAll(fields(superclass));
        }
        for (FieldInfo field : type.unsortedFields()) { // declaration order, as a reader expects
            if (!Modifier.isStatic(field.flags()) && !field.isSynthetic()) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static ResultHandle read(MethodCreator method, ClassInfo payload, FieldInfo field, ResultHandle value) {
        ClassInfo declaring = field.declaringClass();
        boolean samePackage = packageOf(declaring).equals(packageOf(payload));
        if (Modifier.isPublic(field.flags()) || (!Modifier.isPrivate(field.flags()) && samePackage)) {
            return method.readInstanceField(FieldDescriptor.of(field), value);
        }
        MethodInfo accessor = accessor(declaring, field);
        if (accessor == null || !(Modifier.isPublic(accessor.flags()) || samePackage)) {
            return null;
        }
        return method.invokeVirtualMethod(MethodDescriptor.of(accessor), value);
    }

    private static String packageOf(ClassInfo type) {
        String name = type.name().toString();
        return name.lastIndexOf('.') < 0 ? "" : name.substring(0, name.lastIndexOf('.'));
    }

    /** The record accessor, {@code getX()} or {@code isX()}: non-private, no parameters, same type. */
    private static MethodInfo accessor(ClassInfo declaring, FieldInfo field) {
        String capitalized = Character.toUpperCase(field.name().charAt(0)) + field.name().substring(1);
        for (String name : List.of(field.name(), "get" + capitalized, "is" + capitalized)) {
            if (name.equals(field.name()) && !declaring.isRecord()) {
                continue;
            }
            MethodInfo method = declaring.method(name);
            if (method != null && !Modifier.isPrivate(method.flags()) && !Modifier.isStatic(method.flags())
                    && method.returnType().name().equals(field.type().name())) {
                return method;
            }
        }
        return null;
    }

    private static ResultHandle box(MethodCreator method, Type type, ResultHandle value) {
        if (type.kind() != Type.Kind.PRIMITIVE) {
            return value;
        }
        Class<?>[] box = BOXES.get(type.asPrimitiveType().primitive());
        return method.invokeStaticMethod(MethodDescriptor.ofMethod(box[0], "valueOf", box[0], box[1]), value);
    }
}
