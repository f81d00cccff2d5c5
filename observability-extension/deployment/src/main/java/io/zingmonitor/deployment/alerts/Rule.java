package io.zingmonitor.deployment.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/** One Prometheus rule (recording or alerting) in the order Prometheus documents its fields. */
record Rule(String record, String alert, String expr, String pendingFor, Map<String, String> labels,
        Map<String, String> annotations) {

    static Rule recording(String name, String expr, Map<String, String> labels) {
        return new Rule(name, null, expr, null, labels, null);
    }

    static Rule alerting(String name, String expr, String pendingFor, Map<String, String> labels,
            Map<String, String> annotations) {
        return new Rule(null, name, expr, pendingFor, labels, annotations);
    }

    Map<String, Object> toYaml() {
        Map<String, Object> yaml = new LinkedHashMap<>();
        if (record != null) {
            yaml.put("record", record);
        } else {
            yaml.put("alert", alert);
        }
        yaml.put("expr", expr);
        if (pendingFor != null) {
            yaml.put("for", pendingFor);
        }
        if (labels != null && !labels.isEmpty()) {
            yaml.put("labels", labels);
        }
        if (annotations != null && !annotations.isEmpty()) {
            yaml.put("annotations", annotations);
        }
        return yaml;
    }
}
