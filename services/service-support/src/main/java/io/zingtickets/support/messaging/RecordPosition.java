package io.zingtickets.support.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** Where a record came from, for log lines: topic-partition, offset and key, never its value. */
public final class RecordPosition {

    private RecordPosition() {
    }

    public static String of(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(record -> "%s-%d offset %d (key %s)".formatted(record.getTopic(), record.getPartition(),
                        record.getOffset(), record.getKey()))
                .orElse("a record without Kafka metadata");
    }
}
