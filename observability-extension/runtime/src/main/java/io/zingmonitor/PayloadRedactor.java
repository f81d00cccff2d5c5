package io.zingmonitor;

import io.zingmonitor.runtime.redaction.RedactedJson;

/**
 * Makes a payload safe to log or to attach to a span: {@code LOG.debugf("received %s",
 * PayloadRedactor.toLogString(request))}. Application types with sensitive fields ({@link Sensitive},
 * or named like a secret) are written as JSON by a redactor generated at build time, with those
 * fields masked, nested types and collections included; text is scanned for card numbers, emails and
 * tokens; any other type falls back to its {@code toString()}, scanned the same way.
 */
public final class PayloadRedactor {

    private PayloadRedactor() {
    }

    /** The payload as a redacted JSON view (or scanned text, for text and types without fields to mask). */
    public static String toLogString(Object payload) {
        return RedactedJson.of(payload);
    }
}
