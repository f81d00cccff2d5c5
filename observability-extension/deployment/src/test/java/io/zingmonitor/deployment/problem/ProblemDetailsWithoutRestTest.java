package io.zingmonitor.deployment.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;

/**
 * A service without Quarkus REST (no {@link Capability#REST}) gets none of the REST layer's problem
 * mappers, whose classes it could not load. The build steps are run directly: a test application cannot
 * drop an extension the module's test class path has.
 */
class ProblemDetailsWithoutRestTest {

    private final ProblemDetailsProcessor processor = new ProblemDetailsProcessor();

    @Test
    void noMapperAndNoMapperBeanWithoutRest() {
        assertThat(mappers(Set.of())).isEmpty();
        assertThat(beans(Set.of())).isEmpty();
    }

    @Test
    void theMappersWithRest() {
        assertThat(mappers(Set.of(Capability.REST))).isNotEmpty();
        assertThat(beans(Set.of(Capability.REST))).isNotEmpty();
    }

    private List<ExceptionMapperBuildItem> mappers(Set<String> capabilities) {
        List<ExceptionMapperBuildItem> produced = new ArrayList<>();
        processor.problemMappers(new Capabilities(capabilities), produced::add);
        return produced;
    }

    private List<AdditionalBeanBuildItem> beans(Set<String> capabilities) {
        List<AdditionalBeanBuildItem> produced = new ArrayList<>();
        processor.problemBeans(new Capabilities(capabilities), produced::add);
        return produced;
    }
}
