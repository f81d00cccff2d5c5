package io.zingmonitor.deployment.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.zingmonitor.runtime.plan.TelemetryPlan.Endpoint;

/** Finds every REST endpoint (HTTP method + route template) in the application index. */
final class EndpointDiscovery {

    /** {@code {id: \d+}} is matched as {@code {id}}; the regex is not part of the route's name. */
    private static final Pattern TEMPLATE_REGEX = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

    private EndpointDiscovery() {
    }

    static List<Endpoint> discover(IndexView index) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (var httpMethod : DotNames.HTTP_METHODS.entrySet()) {
            String verb = httpMethod.getValue();
            for (AnnotationInstance usage : index.getAnnotations(httpMethod.getKey())) {
                if (usage.target().kind() != AnnotationTarget.Kind.METHOD) {
                    continue;
                }
                MethodInfo method = usage.target().asMethod();
                ClassInfo resource = method.declaringClass();
                AnnotationInstance classPath = resource.declaredAnnotation(DotNames.PATH);
                if (classPath == null) {
                    continue; // a sub-resource or an interface without a root path: not routed on its own
                }
                AnnotationInstance methodPath = method.annotation(DotNames.PATH);
                String route = route(classPath.value().asString(), methodPath == null ? "" : methodPath.value().asString());
                endpoints.add(new Endpoint(verb, route, resource.name() + "#" + method.name()));
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::route).thenComparing(Endpoint::method));
        return List.copyOf(endpoints);
    }

    static String route(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return TEMPLATE_REGEX.matcher(joined).replaceAll("{$1}");
    }
}
