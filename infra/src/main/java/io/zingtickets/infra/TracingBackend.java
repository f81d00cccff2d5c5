package io.zingtickets.infra;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Tracing as the local stack runs it, on free ports, for tests: Jaeger receives the services' OTLP and
 * copies every span through the given Kafka broker to Zipkin, whose UI shows them. Services send to
 * {@code jaeger().otlpGrpcEndpoint()}; a browser opens {@code zipkin().traceUrl(id)}.
 */
public record TracingBackend(JaegerServer jaeger, ZipkinServer zipkin) {

    /** Zipkin first: it creates its topic and is reading before the first span is copied. */
    public static TracingBackend start(String kafkaBootstrapServers, Path dir) {
        ZipkinServer zipkin = ZipkinServer.start(FreePorts.next(), ZipkinServer.Feed.kafka(kafkaBootstrapServers),
                dir.resolve("zipkin"), dir.resolve("zipkin.log"));
        try {
            JaegerServer jaeger = JaegerServer.start(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                    Optional.of(zipkin.feed()), dir.resolve("jaeger"), dir.resolve("jaeger.log"));
            return new TracingBackend(jaeger, zipkin);
        } catch (RuntimeException e) {
            zipkin.stop();
            throw e;
        }
    }

    public void stop() {
        jaeger.stop();
        zipkin.stop();
    }
}
