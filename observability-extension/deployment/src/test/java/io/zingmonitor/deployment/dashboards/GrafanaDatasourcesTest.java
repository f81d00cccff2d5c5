package io.zingmonitor.deployment.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The latency panels' exemplars link to the configured Jaeger, through the provisioned Prometheus data source. */
class GrafanaDatasourcesTest {

    @Test
    void prometheusExemplarsLinkTheTraceIdToTheConfiguredJaeger() throws Exception {
        JsonNode provisioning = new ObjectMapper(new YAMLFactory())
                .readTree(GrafanaDatasources.yaml("http://prometheus:9090", "https://jaeger.example.com"));
        JsonNode prometheus = provisioning.at("/datasources/0");
        JsonNode jaeger = provisioning.at("/datasources/1");
        assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
        assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(jaeger.path("type").asText()).isEqualTo("jaeger");
        assertThat(jaeger.path("url").asText()).isEqualTo("https://jaeger.example.com");

        JsonNode links = prometheus.at("/jsonData/exemplarTraceIdDestinations");
        assertThat(links).hasSize(2).allSatisfy(link -> assertThat(link.path("name").asText()).isEqualTo("trace_id"));
        assertThat(links.get(0).path("datasourceUid").asText()).isEqualTo(jaeger.path("uid").asText());
        assertThat(links.get(1).path("url").asText()).isEqualTo("https://jaeger.example.com/trace/${__value.raw}");
    }
}
