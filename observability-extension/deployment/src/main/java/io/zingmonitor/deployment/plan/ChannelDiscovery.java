package io.zingmonitor.deployment.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

import io.zingmonitor.runtime.plan.TelemetryPlan.Channel;

/**
 * Finds every reactive-messaging channel: {@code @Incoming}/{@code @Outgoing} methods and injected
 * emitters or streams, with the Kafka topic each one is bound to.
 */
final class ChannelDiscovery {

    private ChannelDiscovery() {
    }

    /**
     * Topics and connectors live in {@code mp.messaging.*}, SmallRye's configuration rather than
     * ours, so they are read from the build-time view of the application's configuration.
     */
    static List<Channel> discover(IndexView index, Config config) {
        List<Channel> channels = new ArrayList<>();
        for (AnnotationInstance incoming : index.getAnnotations(DotNames.INCOMING)) {
            channels.add(channel(incoming.value().asString(), "incoming", handler(incoming), config));
        }
        for (AnnotationInstance repeated : index.getAnnotations(DotNames.INCOMINGS)) {
            for (AnnotationInstance incoming : repeated.value().asNestedArray()) {
                channels.add(channel(incoming.value().asString(), "incoming", handler(repeated), config));
            }
        }
        for (AnnotationInstance outgoing : index.getAnnotations(DotNames.OUTGOING)) {
            channels.add(channel(outgoing.value().asString(), "outgoing", handler(outgoing), config));
        }
        for (AnnotationInstance injected : index.getAnnotations(DotNames.CHANNEL)) {
            Type type = injectedType(injected);
            if (type == null) {
                continue;
            }
            DotName raw = type.name();
            boolean emitter = raw.equals(DotNames.EMITTER) || raw.equals(DotNames.MUTINY_EMITTER)
                    || raw.equals(DotNames.KAFKA_EMITTER);
            channels.add(channel(injected.value().asString(), emitter ? "outgoing" : "incoming", handler(injected), config));
        }
        channels.sort(Comparator.comparing(Channel::direction).thenComparing(Channel::name));
        return List.copyOf(channels);
    }

    private static Channel channel(String name, String direction, String handler, Config config) {
        String prefix = "mp.messaging." + direction + "." + name + ".";
        Optional<String> connector = config.getOptionalValue(prefix + "connector", String.class);
        String topic = connector.filter(c -> c.contains("kafka"))
                .map(c -> config.getOptionalValue(prefix + "topic", String.class).orElse(name))
                .orElse(null);
        return new Channel(name, direction, connector.orElse("internal"), topic, handler);
    }

    private static Type injectedType(AnnotationInstance annotation) {
        AnnotationTarget target = annotation.target();
        return switch (target.kind()) {
            case FIELD -> target.asField().type();
            case METHOD_PARAMETER -> target.asMethodParameter().type();
            default -> null;
        };
    }

    private static String handler(AnnotationInstance annotation) {
        AnnotationTarget target = annotation.target();
        return switch (target.kind()) {
            case METHOD -> target.asMethod().declaringClass().name() + "#" + target.asMethod().name();
            case FIELD -> target.asField().declaringClass().name() + "#" + target.asField().name();
            case METHOD_PARAMETER -> target.asMethodParameter().method().name().equals("<init>")
                    ? target.asMethodParameter().method().declaringClass().name().toString()
                    : target.asMethodParameter().method().declaringClass().name() + "#"
                            + target.asMethodParameter().method().name();
            default -> target.toString();
        };
    }
}
