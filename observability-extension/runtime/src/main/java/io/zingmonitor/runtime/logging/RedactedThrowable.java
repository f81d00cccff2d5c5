package io.zingmonitor.runtime.logging;

import io.zingmonitor.runtime.redaction.SensitiveValueRedactor;

/**
 * Stands in for an exception whose message (or a cause's) held a secret: same type name in its
 * text, same stack trace, masked message.
 */
final class RedactedThrowable extends RuntimeException {

    private final String originalType;

    private RedactedThrowable(String originalType, String message, Throwable cause, StackTraceElement[] stack) {
        super(message, cause, false, true);
        this.originalType = originalType;
        setStackTrace(stack);
    }

    static Throwable of(Throwable thrown, SensitiveValueRedactor redactor) {
        if (thrown == null) {
            return null;
        }
        Throwable cause = thrown.getCause() == thrown ? null : of(thrown.getCause(), redactor);
        String message = thrown.getMessage();
        String redacted = redactor.redact(message);
        if (redacted == message && cause == thrown.getCause()) {
            return thrown;
        }
        return new RedactedThrowable(thrown.getClass().getName(), redacted, cause, thrown.getStackTrace());
    }

    /** The original exception type: what a reader and the log schema's {@code error.type} need. */
    public String originalType() {
        return originalType;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalType : originalType + ": " + message;
    }
}
