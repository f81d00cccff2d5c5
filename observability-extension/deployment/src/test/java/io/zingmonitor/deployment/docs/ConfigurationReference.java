package io.zingmonitor.deployment.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Renders {@code docs/configuration.md} from the configuration metadata that Quarkus's extension
 * annotation processor writes while compiling the runtime module
 * ({@code runtime/target/quarkus-config-doc/}): every {@code zingmonitor.*} property with its type,
 * default, phase and the javadoc of its {@code @ConfigMapping} method, so the reference cannot say
 * anything the code does not.
 */
final class ConfigurationReference {

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain)\\s+([^}]*)}");

    private ConfigurationReference() {
    }

    static String render(Path configDocDirectory) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode model = yaml.readTree(configDocDirectory.resolve("quarkus-config-model.yaml").toFile());
        JsonNode javadoc = yaml.readTree(configDocDirectory.resolve("quarkus-config-javadoc.yaml").toFile()).path("elements");
        StringBuilder out = new StringBuilder();
        out.append("# ZingMonitor configuration reference\n\n")
                .append("<!-- Generated from the @ConfigMapping javadoc by ConfigurationReferenceTest; do not edit.\n")
                .append("     Update with: make generate (or ./mvnw -pl observability-extension/deployment test\n")
                .append("     -Dtest=ConfigurationReferenceTest -Dzingmonitor.docs.write=true). -->\n\n")
                .append("Build-time properties decide what is generated and instrumented (changing one needs a rebuild);\n")
                .append("run-time properties can be set when the service starts, as system properties or environment\n")
                .append("variables (`ZINGMONITOR_...`).\n\n")
                .append("| Property | Type | Default | Phase | Description |\n")
                .append("|---|---|---|---|---|\n");
        List<JsonNode> properties = new ArrayList<>();
        for (JsonNode root : model.path("configRoots")) {
            collect(root.path("items"), properties);
        }
        properties.sort(java.util.Comparator.comparing(p -> p.path("path").path("property").asText()));
        for (JsonNode property : properties) {
            String name = property.path("path").path("property").asText();
            String key = property.path("sourceType").asText() + "." + property.path("sourceElementName").asText();
            String description = javadoc.path(key).path("description").asText("");
            String type = property.path("typeDescription").asText() + (property.path("list").asBoolean() ? " list" : "");
            String defaultValue = property.path("defaultValue").asText("");
            if (property.path("type").asText().equals("java.time.Duration")) {
                defaultValue = defaultValue.toLowerCase(java.util.Locale.ROOT); // 1S as users write it: 1s
            }
            out.append("| `").append(name).append("` | ").append(cell(type)).append(" | ")
                    .append(defaultValue.isEmpty() ? "" : "`" + defaultValue.replace("|", "\\|") + "`").append(" | ")
                    .append(property.path("phase").asText().startsWith("BUILD") ? "build time" : "run time").append(" | ")
                    .append(cell(text(description))).append(" |\n");
        }
        return out.toString();
    }

    /** Properties, including those inside config sections. */
    private static void collect(JsonNode items, List<JsonNode> properties) {
        for (JsonNode item : items) {
            if (item.has("path") && item.path("path").has("property")) {
                properties.add(item);
            }
            if (item.has("items")) {
                collect(item.path("items"), properties);
            }
        }
    }

    private static String text(String javadoc) {
        Matcher matcher = INLINE_TAG.matcher(javadoc);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String content = matcher.group(1).trim();
            boolean code = matcher.group().startsWith("{@code") || matcher.group().startsWith("{@literal");
            matcher.appendReplacement(out, Matcher.quoteReplacement(code ? "`" + content + "`" : content));
        }
        matcher.appendTail(out);
        return out.toString().replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").trim();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
