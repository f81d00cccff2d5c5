package io.zingmonitor.deployment.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;

import io.zingmonitor.runtime.telemetry.ObservedOperations;

/** Finds every {@code @Observed} business method and the parameters it records as attributes. */
final class OperationDiscovery {

    private OperationDiscovery() {
    }

    static List<ObservedMethodBuildItem> discover(IndexView index) {
        List<ObservedMethodBuildItem> methods = new ArrayList<>();
        for (AnnotationInstance observed : index.getAnnotations(DotNames.OBSERVED)) {
            if (observed.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            MethodInfo method = observed.target().asMethod();
            List<String> attributes = new ArrayList<>();
            for (MethodParameterInfo parameter : method.parameters()) {
                AnnotationInstance attribute = parameter.annotation(DotNames.TELEMETRY_ATTRIBUTE);
                attributes.add(attribute == null ? "" : attribute.value().asString());
            }
            methods.add(new ObservedMethodBuildItem(observed.value().asString(),
                    method.declaringClass().name() + "#" + method.name(), methodKey(method), attributes));
        }
        methods.sort(Comparator.comparing(ObservedMethodBuildItem::getOperation)
                .thenComparing(ObservedMethodBuildItem::getHandler));
        return methods;
    }

    /** Erased parameter types: Jandex names them in {@link Class#getName()} form, as the runtime does. */
    static String methodKey(MethodInfo method) {
        return ObservedOperations.key(method.declaringClass().name().toString(), method.name(),
                method.parameterTypes().stream().map(t -> t.name().toString()).toList());
    }
}
