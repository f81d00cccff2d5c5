package io.zingmonitor.deployment.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;

import io.zingmonitor.runtime.plan.TelemetryPlan.Operation;

/** Finds every {@code @Observed} business method and the parameters it records as attributes. */
final class OperationDiscovery {

    private OperationDiscovery() {
    }

    static List<Operation> discover(IndexView index) {
        List<Operation> operations = new ArrayList<>();
        for (AnnotationInstance observed : index.getAnnotations(DotNames.OBSERVED)) {
            if (observed.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            MethodInfo method = observed.target().asMethod();
            List<String> attributes = new ArrayList<>();
            for (MethodParameterInfo parameter : method.parameters()) {
                AnnotationInstance attribute = parameter.annotation(DotNames.TELEMETRY_ATTRIBUTE);
                if (attribute != null) {
                    attributes.add(attribute.value().asString());
                }
            }
            operations.add(new Operation(observed.value().asString(),
                    method.declaringClass().name() + "#" + method.name(), List.copyOf(attributes)));
        }
        operations.sort(Comparator.comparing(Operation::name).thenComparing(Operation::handler));
        return List.copyOf(operations);
    }
}
