package io.zingmonitor.deployment.messaging;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.DotName;

import jakarta.inject.Singleton;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem;
import io.zingmonitor.deployment.plan.TelemetryPlanBuildItem;
import io.zingmonitor.runtime.messaging.ChannelMetricsCollector;
import io.zingmonitor.runtime.messaging.MessageLogContext;
import io.zingmonitor.runtime.messaging.ClientIdPropagation;
import io.zingmonitor.runtime.messaging.MessageLogContextInterceptor;
import io.zingmonitor.runtime.messaging.MessageObservationConfigBuilder;
import io.zingmonitor.runtime.messaging.MessagingRecorder;
import io.zingmonitor.runtime.messaging.ObservedChannels;
import io.zingmonitor.runtime.plan.TelemetryPlan;
import io.zingmonitor.deployment.ZingMonitorEnabled;

/**
 * Per-channel message counters and processing timers for the channels of the plan, through SmallRye
 * Reactive Messaging's observation SPI (only when the service uses messaging, and
 * {@link MessagingMetricsEnabled}).
 */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class MessagingProcessor {

    private static final DotName INCOMING = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Incoming");

    @BuildStep(onlyIf = MessagingMetricsEnabled.class)
    void channelMetricsCollector(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.MESSAGING)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClass(ChannelMetricsCollector.class)
                    .setUnremovable().build());
        }
    }

    @BuildStep(onlyIf = MessagingMetricsEnabled.class)
    void messageObservationEnabled(Capabilities capabilities, BuildProducer<RunTimeConfigBuilderBuildItem> configBuilders) {
        if (capabilities.isPresent(Capability.MESSAGING)) {
            configBuilders.produce(new RunTimeConfigBuilderBuildItem(MessageObservationConfigBuilder.class));
        }
    }

    @BuildStep(onlyIf = MessagingMetricsEnabled.class)
    @Record(ExecutionTime.STATIC_INIT)
    void observedChannels(MessagingRecorder recorder, Capabilities capabilities, TelemetryPlanBuildItem plan,
            BuildProducer<SyntheticBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.MESSAGING)) {
            beans.produce(SyntheticBeanBuildItem.configure(ObservedChannels.class)
                    .scope(Singleton.class)
                    .supplier(recorder.observedChannels(new TreeSet<>(
                            plan.getPlan().channels().stream().map(TelemetryPlan.Channel::name).toList())))
                    .done());
        }
    }

    /** The client id of the request behind a message, sent with it and put in its consumer's log context. */
    @BuildStep
    void clientIdAcrossMessages(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(MessageLogContextInterceptor.class, MessageLogContext.class)
                .setUnremovable().build());
        if (capabilities.isPresent(Capability.MESSAGING)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(ClientIdPropagation.class));
        }
    }

    /** Binds the interceptor to the {@code @Incoming} methods of the plan's incoming channels, and to nothing else. */
    @BuildStep
    AnnotationsTransformerBuildItem messageLogContextOnConsumers(TelemetryPlanBuildItem plan) {
        Set<String> consumers = plan.getPlan().channels().stream().filter(c -> "incoming".equals(c.direction()))
                .map(TelemetryPlan.Channel::handler).collect(Collectors.toSet());
        return new AnnotationsTransformerBuildItem(AnnotationTransformation.forMethods()
                .whenMethod(method -> method.hasDeclaredAnnotation(INCOMING)
                        && consumers.contains(method.declaringClass().name() + "#" + method.name()))
                .transform(context -> context.add(MessageLogContext.class)));
    }
}
