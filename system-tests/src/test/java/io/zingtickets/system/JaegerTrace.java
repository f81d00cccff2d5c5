package io.zingtickets.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One trace as Jaeger's query API returns it ({@code /api/traces}): spans with their service, tags,
 * events (Jaeger "logs") and parent, and the process (resource) tags of each service.
 */
record JaegerTrace(String traceId, List<Span> spans) {

    record Span(String spanId, String parentId, String name, String service, long durationMicros,
            Map<String, String> tags, List<Map<String, String>> events, Map<String, String> resource) {

        String tag(String key) {
            return tags.get(key);
        }

        String kind() {
            return tags.getOrDefault("span.kind", "internal");
        }

        boolean isError() {
            return "true".equals(tags.get("error")) || "ERROR".equals(tags.get("otel.status_code"));
        }

        /** Every string a backend stores about this span: tag, event and resource values, and its name. */
        List<String> allValues() {
            List<String> values = new ArrayList<>(tags.values());
            events.forEach(event -> values.addAll(event.values()));
            values.addAll(resource.values());
            values.add(name);
            return values;
        }
    }

    static JaegerTrace parse(JsonNode trace) {
        Map<String, Map<String, String>> processTags = new HashMap<>();
        Map<String, String> processServices = new HashMap<>();
        trace.path("processes").properties().forEach(process -> {
            processServices.put(process.getKey(), process.getValue().path("serviceName").asText());
            processTags.put(process.getKey(), keyValues(process.getValue().path("tags")));
        });
        List<Span> spans = new ArrayList<>();
        for (JsonNode span : trace.path("spans")) {
            String parent = null;
            for (JsonNode reference : span.path("references")) {
                if ("CHILD_OF".equals(reference.path("refType").asText())) {
                    parent = reference.path("spanID").asText();
                }
            }
            List<Map<String, String>> events = new ArrayList<>();
            for (JsonNode log : span.path("logs")) {
                events.add(keyValues(log.path("fields")));
            }
            String process = span.path("processID").asText();
            spans.add(new Span(span.path("spanID").asText(), parent, span.path("operationName").asText(),
                    processServices.get(process), span.path("duration").asLong(), keyValues(span.path("tags")), events,
                    processTags.getOrDefault(process, Map.of())));
        }
        return new JaegerTrace(trace.path("traceID").asText(), spans);
    }

    private static Map<String, String> keyValues(JsonNode list) {
        Map<String, String> values = new HashMap<>();
        for (JsonNode entry : list) {
            values.put(entry.path("key").asText(), entry.path("value").asText());
        }
        return values;
    }

    List<Span> spans(Predicate<Span> filter) {
        return spans.stream().filter(filter).toList();
    }

    Optional<Span> span(Predicate<Span> filter) {
        return spans.stream().filter(filter).findFirst();
    }

    Optional<Span> byId(String spanId) {
        return span(s -> s.spanId().equals(spanId));
    }

    /** True when {@code ancestor} is on the parent chain of {@code span}. */
    boolean descendsFrom(Span span, Span ancestor) {
        Optional<Span> current = span.parentId() == null ? Optional.empty() : byId(span.parentId());
        while (current.isPresent()) {
            if (current.get().spanId().equals(ancestor.spanId())) {
                return true;
            }
            current = current.get().parentId() == null ? Optional.empty() : byId(current.get().parentId());
        }
        return false;
    }

    static Predicate<Span> in(String service) {
        return span -> service.equals(span.service());
    }

    static Predicate<Span> kind(String kind) {
        return span -> kind.equals(span.kind());
    }

    static Predicate<Span> tag(String key, String value) {
        return span -> value.equals(span.tag(key));
    }
}
