package io.zingmonitor.deployment.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.deployment.Capabilities;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;

/** A service without SmallRye OpenAPI gets no OpenAPI filter (it would have no document to add to). */
class OpenApiWithoutOpenApiTest {

    @Test
    void noFilterWithoutOpenApi() {
        List<AddToOpenAPIDefinitionBuildItem> produced = new ArrayList<>();
        new OpenApiProcessor().problemResponses(new Capabilities(Set.of()), null, produced::add);
        assertThat(produced).isEmpty();
    }
}
