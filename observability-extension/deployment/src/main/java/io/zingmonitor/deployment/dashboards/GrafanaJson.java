package io.zingmonitor.deployment.dashboards;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds Grafana dashboard JSON (schema version 42, checked against Grafana's published dashboard types by
 * {@code make test-dashboards}) panel by panel, laying panels out left to right
 * in rows of two. Every query goes to the dashboard's {@code datasource} variable.
 */
final class GrafanaJson {

    static final int SCHEMA_VERSION = 42;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode dashboard = JSON.createObjectNode();
    private final ArrayNode panels = JSON.createArrayNode();
    private int nextId = 1;
    private int x;
    private int y;

    GrafanaJson(String uid, String title, String description, List<String> tags) {
        dashboard.put("uid", uid);
        dashboard.put("title", title);
        dashboard.put("description", description);
        ArrayNode tagArray = dashboard.putArray("tags");
        tags.forEach(tagArray::add);
        dashboard.put("schemaVersion", SCHEMA_VERSION);
        dashboard.put("version", 1);
        dashboard.put("editable", true);
        dashboard.put("graphTooltip", 1);
        dashboard.put("refresh", "30s");
        dashboard.put("timezone", "browser");
        dashboard.putObject("time").put("from", "now-1h").put("to", "now");
        dashboard.putArray("links");
        ArrayNode variables = dashboard.putObject("templating").putArray("list");
        ObjectNode datasource = variables.addObject();
        datasource.put("name", "datasource");
        datasource.put("label", "Data source");
        datasource.put("type", "datasource");
        datasource.put("query", "prometheus");
        datasource.put("hide", 0);
        dashboard.putObject("annotations").putArray("list");
    }

    /** A variable listing the values of {@code label} on {@code metric}. */
    GrafanaJson queryVariable(String name, String label, String metric, boolean multi) {
        ObjectNode variable = ((ArrayNode) dashboard.get("templating").get("list")).addObject();
        variable.put("name", name);
        variable.put("label", name);
        variable.put("type", "query");
        variable.set("datasource", datasource());
        variable.put("query", "label_values(" + metric + ", " + label + ")");
        variable.put("refresh", 2);
        variable.put("sort", 1);
        variable.put("multi", multi);
        variable.put("includeAll", multi);
        variable.put("hide", 0);
        return this;
    }

    /** A hidden variable fixed to one value: a per-service dashboard's service. */
    GrafanaJson constantVariable(String name, String value) {
        ObjectNode variable = ((ArrayNode) dashboard.get("templating").get("list")).addObject();
        variable.put("name", name);
        variable.put("type", "constant");
        variable.put("query", value);
        variable.put("hide", 2);
        variable.putObject("current").put("text", value).put("value", value);
        return this;
    }

    GrafanaJson link(String title, String url, String tooltip) {
        ObjectNode link = ((ArrayNode) dashboard.get("links")).addObject();
        link.put("title", title);
        link.put("type", "link");
        link.put("url", url);
        link.put("tooltip", tooltip);
        link.put("targetBlank", true);
        link.put("icon", "external link");
        // Required by the dashboard schema; Grafana itself fills them in on save.
        link.put("asDropdown", false);
        link.put("includeVars", false);
        link.put("keepTime", false);
        link.putArray("tags");
        return this;
    }

    GrafanaJson row(String title) {
        if (x > 0) {
            x = 0;
            y += 8;
        }
        ObjectNode row = panels.addObject();
        row.put("id", nextId++);
        row.put("type", "row");
        row.put("title", title);
        row.put("collapsed", false);
        row.putArray("panels");
        row.putObject("gridPos").put("h", 1).put("w", 24).put("x", 0).put("y", y);
        y += 1;
        return this;
    }

    /** A time series panel; {@code exemplars} links its points to traces. */
    GrafanaJson timeseries(String title, String description, String unit, boolean exemplars, Query... queries) {
        ObjectNode panel = panel("timeseries", title, description, 12);
        ObjectNode defaults = panel.putObject("fieldConfig").putObject("defaults");
        defaults.put("unit", unit);
        defaults.putObject("custom").put("drawStyle", "line").put("lineWidth", 1).put("fillOpacity", 10)
                .put("showPoints", "never").put("spanNulls", true);
        panel.with("fieldConfig").putArray("overrides");
        panel.putObject("options").putObject("legend").put("displayMode", "list").put("placement", "bottom")
                .put("showLegend", true);
        panel.with("options").putObject("tooltip").put("mode", "multi").put("sort", "desc");
        targets(panel, exemplars, "time_series", queries);
        return this;
    }

    /** A single-number panel: the latest value of its query. */
    GrafanaJson stat(String title, String description, String unit, Query query) {
        ObjectNode panel = panel("stat", title, description, 6);
        ObjectNode defaults = panel.putObject("fieldConfig").putObject("defaults");
        defaults.put("unit", unit);
        panel.with("fieldConfig").putArray("overrides");
        panel.putObject("options").put("colorMode", "value").put("graphMode", "area").put("textMode", "auto")
                .putObject("reduceOptions").putArray("calcs").add("lastNotNull");
        targets(panel, false, "time_series", query);
        return this;
    }

    /** A table of the latest values, one row per series (top offenders, firing alerts). */
    GrafanaJson table(String title, String description, Query query) {
        ObjectNode panel = panel("table", title, description, 12);
        panel.putObject("fieldConfig").putObject("defaults");
        panel.with("fieldConfig").putArray("overrides");
        panel.putObject("options").put("showHeader", true);
        ObjectNode target = targets(panel, false, "table", query);
        target.put("instant", true);
        target.put("range", false);
        panel.putArray("transformations").addObject().put("id", "organize").putObject("options");
        return this;
    }

    private ObjectNode panel(String type, String title, String description, int width) {
        if (x + width > 24) {
            x = 0;
            y += 8;
        }
        ObjectNode panel = panels.addObject();
        panel.put("id", nextId++);
        panel.put("type", type);
        panel.put("title", title);
        panel.put("description", description);
        panel.set("datasource", datasource());
        panel.putObject("gridPos").put("h", 8).put("w", width).put("x", x).put("y", y);
        x += width;
        return panel;
    }

    private ObjectNode targets(ObjectNode panel, boolean exemplars, String format, Query... queries) {
        ArrayNode targets = panel.putArray("targets");
        ObjectNode last = null;
        char refId = 'A';
        for (Query query : queries) {
            ObjectNode target = targets.addObject();
            target.set("datasource", datasource());
            target.put("expr", query.expr());
            target.put("legendFormat", query.legend());
            target.put("refId", String.valueOf(refId++));
            target.put("format", format);
            target.put("exemplar", exemplars);
            last = target;
        }
        return last;
    }

    private static ObjectNode datasource() {
        return JSON.createObjectNode().put("type", "prometheus").put("uid", "${datasource}");
    }

    ObjectNode build() {
        dashboard.set("panels", panels);
        return dashboard;
    }

    record Query(String expr, String legend) {
    }
}
