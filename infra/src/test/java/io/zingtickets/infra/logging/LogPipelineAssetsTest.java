package io.zingtickets.infra.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zingtickets.infra.Tools;

/**
 * The log pipeline's assets agree with each other: both shippers write to the alias the template and
 * the retention policy cover, and every field a saved search, visualization or column names is one the
 * template maps (under dynamic=false, anything else would silently match nothing).
 */
class LogPipelineAssetsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ASSETS = Tools.repositoryRoot().resolve("monitoring/logging");

    @Test
    void shippersTemplateAndRetentionPolicyNameTheSameIndices() throws IOException {
        JsonNode template = JSON.readTree(ASSETS.resolve("opensearch/index-template.json").toFile());
        JsonNode policy = JSON.readTree(ASSETS.resolve("opensearch/ism-policy.json").toFile());
        JsonNode bootstrap = JSON.readTree(ASSETS.resolve("opensearch/bootstrap-index.json").toFile());
        String fluentBit = Files.readString(ASSETS.resolve("fluent-bit/fluent-bit.conf"));
        String telegraf = Files.readString(ASSETS.resolve("telegraf/telegraf.conf"));

        assertThat(template.path("index_patterns")).isEqualTo(policy.path("policy").path("ism_template").get(0).path("index_patterns"));
        assertThat(LogPipelineSetup.FIRST_INDEX).matches(template.path("index_patterns").get(0).asText().replace("*", ".*"));
        assertThat(template.path("template").path("settings").path(LogPipelineSetup.ISM_ROLLOVER_ALIAS).asText())
                .isEqualTo(LogPipelineSetup.ALIAS);
        assertThat(template.path("template").path("settings").path("index.default_pipeline").asText()).isEqualTo(LogPipelineSetup.ALIAS);
        assertThat(bootstrap.path("aliases").path(LogPipelineSetup.ALIAS).path("is_write_index").asBoolean()).isTrue();
        assertThat(setting(fluentBit, "Index")).isEqualTo(LogPipelineSetup.ALIAS);
        assertThat(setting(fluentBit, "Pipeline")).isEqualTo(LogPipelineSetup.ALIAS);
        assertThat(telegraf).contains("index_name = \"" + LogPipelineSetup.ALIAS + "\"");
    }

    @Test
    void everyFieldTheSavedObjectsUseIsMappedAndEveryReferenceResolves() throws IOException {
        JsonNode template = JSON.readTree(ASSETS.resolve("opensearch/index-template.json").toFile());
        Set<String> mapped = new TreeSet<>();
        collectPaths(template.path("template").path("mappings").path("properties"), "", mapped);

        List<String> lines = Files.readAllLines(ASSETS.resolve("opensearch-dashboards/saved-objects.ndjson"));
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode object = JSON.readTree(line);
            ids.add(object.path("type").asText() + ":" + object.path("id").asText());
        }
        Set<String> used = new TreeSet<>();
        Pattern queryField = Pattern.compile("([A-Za-z@_][A-Za-z0-9_.@]*):");
        Pattern aggField = Pattern.compile("\"field\":\\s*\"([^\"]+)\"");
        for (String line : lines) {
            JsonNode object = JSON.readTree(line);
            for (JsonNode reference : object.path("references")) {
                assertThat(ids).as("reference of %s", object.path("id").asText())
                        .contains(reference.path("type").asText() + ":" + reference.path("id").asText());
            }
            JsonNode attributes = object.path("attributes");
            attributes.path("columns").forEach(column -> used.add(column.asText()));
            attributes.path("sort").forEach(sort -> used.add(sort.get(0).asText()));
            if (attributes.has("timeFieldName")) {
                used.add(attributes.path("timeFieldName").asText());
            }
            String search = attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}");
            Matcher fields = queryField.matcher(JSON.readTree(search).path("query").path("query").asText());
            while (fields.find()) {
                used.add(fields.group(1));
            }
            Matcher aggs = aggField.matcher(attributes.path("visState").asText(""));
            while (aggs.find()) {
                used.add(aggs.group(1));
            }
        }
        assertThat(used).as("fields named by the saved objects").hasSizeGreaterThan(5);
        assertThat(mapped).containsAll(used);
    }

    private static String setting(String conf, String key) {
        Matcher m = Pattern.compile("(?m)^\\s+" + key + "\\s+(\\S+)\\s*$").matcher(conf);
        return m.find() ? m.group(1) : null;
    }

    private static void collectPaths(JsonNode properties, String prefix, Set<String> paths) {
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().has("properties")) {
                collectPaths(field.getValue().path("properties"), prefix + field.getKey() + ".", paths);
            } else {
                paths.add(prefix + field.getKey());
            }
        }
    }
}
