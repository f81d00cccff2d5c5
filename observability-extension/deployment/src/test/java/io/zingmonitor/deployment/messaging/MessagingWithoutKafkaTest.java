package io.zingmonitor.deployment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem;
import io.zingmonitor.runtime.messaging.ChannelMetricsCollector;
import io.zingmonitor.runtime.messaging.ClientIdPropagation;

/**
 * A service without messaging (no Kafka, no {@link Capability#MESSAGING}) gets none of the beans that
 * load SmallRye Reactive Messaging's classes. The build steps are run directly: a test application
 * cannot drop an extension the module's test class path has. (The inventory application of the
 * integration tests is such a service, built for real.)
 */
class MessagingWithoutKafkaTest {

    private final MessagingProcessor processor = new MessagingProcessor();

    @Test
    void noMessagingBeanAndNoObservationWithoutMessaging() {
        assertThat(beanClasses(Set.of())).doesNotContain(ChannelMetricsCollector.class.getName(),
                ClientIdPropagation.class.getName());
        List<RunTimeConfigBuilderBuildItem> configBuilders = new ArrayList<>();
        processor.messageObservationEnabled(new Capabilities(Set.of()), configBuilders::add);
        assertThat(configBuilders).isEmpty();
    }

    @Test
    void theMessagingBeansWithMessaging() {
        assertThat(beanClasses(Set.of(Capability.MESSAGING, Capability.MESSAGING + ".kafka")))
                .contains(ChannelMetricsCollector.class.getName(), ClientIdPropagation.class.getName());
    }

    private List<String> beanClasses(Set<String> capabilities) {
        List<AdditionalBeanBuildItem> produced = new ArrayList<>();
        processor.channelMetricsCollector(new Capabilities(capabilities), produced::add);
        processor.clientIdAcrossMessages(new Capabilities(capabilities), produced::add);
        return produced.stream().flatMap(item -> item.getBeanClasses().stream()).toList();
    }
}
