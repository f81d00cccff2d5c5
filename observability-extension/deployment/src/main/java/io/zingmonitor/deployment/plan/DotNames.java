package io.zingmonitor.deployment.plan;

import org.jboss.jandex.DotName;

/** The annotations and types discovery looks for, named once. */
final class DotNames {

    static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    /** The API jar declaring these is not indexed, so they are listed rather than found by meta-annotation. */
    static final java.util.Map<DotName, String> HTTP_METHODS = java.util.Map.of(
            DotName.createSimple("jakarta.ws.rs.GET"), "GET",
            DotName.createSimple("jakarta.ws.rs.POST"), "POST",
            DotName.createSimple("jakarta.ws.rs.PUT"), "PUT",
            DotName.createSimple("jakarta.ws.rs.DELETE"), "DELETE",
            DotName.createSimple("jakarta.ws.rs.PATCH"), "PATCH",
            DotName.createSimple("jakarta.ws.rs.HEAD"), "HEAD",
            DotName.createSimple("jakarta.ws.rs.OPTIONS"), "OPTIONS");

    static final DotName INCOMING = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Incoming");
    static final DotName INCOMINGS = DotName.createSimple("io.smallrye.reactive.messaging.annotations.Incomings");
    static final DotName OUTGOING = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Outgoing");
    static final DotName CHANNEL = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Channel");
    static final DotName EMITTER = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Emitter");
    static final DotName MUTINY_EMITTER = DotName.createSimple("io.smallrye.reactive.messaging.MutinyEmitter");
    static final DotName KAFKA_EMITTER = DotName.createSimple("io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions");

    static final DotName OBSERVED = DotName.createSimple("io.zingmonitor.Observed");
    static final DotName TELEMETRY_ATTRIBUTE = DotName.createSimple("io.zingmonitor.TelemetryAttribute");
    static final DotName SENSITIVE = DotName.createSimple("io.zingmonitor.Sensitive");

    private DotNames() {
    }
}
