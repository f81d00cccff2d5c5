package io.zingmonitor.runtime.redaction;

/**
 * Writes one application type as a redacted JSON object. An implementation is generated at build
 * time for every type that holds a sensitive field (directly or through a nested type or a
 * collection of them): it reads each field through its accessor, writes the sensitive ones as
 * {@link SensitiveValueRedactor#MASK} and hands the others to {@link RedactedJson}, without
 * reflection.
 */
public interface SensitiveFieldRedactor {

    /** The application type this redactor writes (its exact class; subclasses get their own). */
    Class<?> type();

    /** Writes the fields of {@code value}, an instance of {@link #type()}, into the open object. */
    void writeFields(Object value, RedactedJson json);
}
