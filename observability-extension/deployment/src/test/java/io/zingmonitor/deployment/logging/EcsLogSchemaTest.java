package io.zingmonitor.deployment.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The one log schema: with nothing configured but the file's path, a service writes ECS JSON (one
 * object per line) with the log context under ECS names and redacted.
 */
class EcsLogSchemaTest {

    static final Path LOG_FILE = Path.of("target", "ecs-schema-test.log");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.application.name", "schema-test")
            .overrideConfigKey("quarkus.application.version", "9.9.9")
            .overrideConfigKey("quarkus.log.file.enabled", "true")
            .overrideConfigKey("quarkus.log.file.path", LOG_FILE.toString())
            .setBeforeAllCustomizer(() -> LOG_FILE.toFile().delete());

    private static final Logger LOG = Logger.getLogger("com.example.Schema");

    @Test
    void linesAreEcsJsonWithTheContextUnderEcsNames() throws Exception {
        MDC.put("traceId", "0af7651916cd43dd8448eb211c80319c");
        MDC.put("spanId", "b7ad6b7169203331");
        MDC.put("shop.order.id", "booking-1");
        MDC.put("note", "paid with 4000056655665556");
        try {
            LOG.error("first line\nsecond line \u001b[31mred\u001b[0m \"quoted\" {\"json\":true}",
                    new IllegalStateException("gateway down"));
        } finally {
            MDC.clear();
        }
        List<String> lines = await().atMost(Duration.ofSeconds(5)).until(() -> Files.readAllLines(LOG_FILE),
                all -> all.stream().anyMatch(l -> l.contains("gateway down")));
        String line = lines.stream().filter(l -> l.contains("gateway down")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(line);

        assertThat(json.path("@timestamp").asText()).isNotEmpty();
        assertThat(json.path("log.level").asText()).isEqualTo("ERROR");
        assertThat(json.path("log.logger").asText()).isEqualTo("com.example.Schema");
        assertThat(json.path("service.name").asText()).isEqualTo("schema-test");
        assertThat(json.path("service.version").asText()).isEqualTo("9.9.9");
        assertThat(json.path("message").asText()).startsWith("first line\nsecond line \u001b[31mred");
        assertThat(json.path("error.stack_trace").asText()).contains("IllegalStateException: gateway down", "\tat ");

        JsonNode mdc = json.path("mdc");
        assertThat(mdc.path("trace.id").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(mdc.path("span.id").asText()).isEqualTo("b7ad6b7169203331");
        assertThat(mdc.has("traceId")).as("the OpenTelemetry name is replaced, not duplicated").isFalse();
        assertThat(mdc.path("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(mdc.path("error.message").asText()).isEqualTo("gateway down");
        assertThat(json.has("ndc")).isFalse();
        assertThat(mdc.path("shop.order.id").asText()).isEqualTo("booking-1");
        assertThat(mdc.path("note").asText()).doesNotContain("4000056655665556").contains("****5556");
        assertThat(line).as("the escapes keep the record on one line, the ESC byte escaped").doesNotContain("\u001b");
    }
}
