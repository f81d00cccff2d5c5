package io.zingmonitor.runtime.redaction;

import java.lang.reflect.Array;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A JSON view of a payload for a log line or a span attribute, with every sensitive value masked.
 * Types with a generated {@link SensitiveFieldRedactor} are written field by field (sensitive fields
 * as {@link SensitiveValueRedactor#MASK}); collections, arrays, maps and optionals element by element;
 * text is scanned for card numbers, emails and tokens; any other type is written as its
 * {@code toString()} after the same scan, which is what the last-line log filter would do.
 */
public final class RedactedJson {

    /** Deep enough for any DTO; stops a cycle from running away. */
    private static final int MAX_DEPTH = 16;
    private static final SensitiveValueRedactor TEXT = new SensitiveValueRedactor(true);

    private final StringBuilder out = new StringBuilder(128);
    private boolean firstField;
    private int depth;

    private RedactedJson() {
    }

    /**
     * The redacted view of {@code payload}: a JSON object for a type with a generated redactor, JSON
     * for collections and maps, and the scanned text itself for strings and unknown types.
     */
    public static String of(Object payload) {
        if (payload == null) {
            return "null";
        }
        if (payload instanceof CharSequence text) {
            return TEXT.redact(text.toString());
        }
        if (payload instanceof UUID || payload instanceof Boolean || payload instanceof Integer
                || payload instanceof Short || payload instanceof Byte) {
            // Nothing to mask: too few digits in a row for a card number, no '@', no words. (A UUID's
            // digit-only groups could otherwise pass for a card number.)
            return payload.toString();
        }
        if (isJsonable(payload)) {
            RedactedJson json = new RedactedJson();
            json.value(payload);
            return json.out.toString();
        }
        return TEXT.redact(String.valueOf(payload));
    }

    /** Whether {@link #of} writes this payload as JSON rather than as scanned text. */
    private static boolean isJsonable(Object payload) {
        return SensitiveFieldRedactors.forType(payload.getClass()) != null || payload instanceof Iterable<?>
                || payload instanceof Map<?, ?> || payload instanceof Optional<?> || payload.getClass().isArray();
    }

    /** Writes a field whose value is shown, redacted where it is text. Called by generated code. */
    public void field(String name, Object value) {
        name(name);
        value(value);
    }

    /** Writes a sensitive field: its name, never its value. Called by generated code. */
    public void maskedField(String name) {
        name(name);
        string(SensitiveValueRedactor.MASK);
    }

    private void name(String name) {
        if (!firstField) {
            out.append(',');
        }
        firstField = false;
        string(name);
        out.append(':');
    }

    private void value(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof CharSequence || value instanceof Character) {
            string(TEXT.redact(value.toString()));
        } else if (value instanceof Enum<?> constant) {
            string(constant.name());
        } else if (depth >= MAX_DEPTH) {
            string("...");
        } else {
            depth++;
            try {
                structured(value);
            } finally {
                depth--;
            }
        }
    }

    private void structured(Object value) {
        SensitiveFieldRedactor redactor = SensitiveFieldRedactors.forType(value.getClass());
        if (redactor != null) {
            out.append('{');
            firstField = true;
            redactor.writeFields(value, this);
            out.append('}');
            firstField = false; // back in the enclosing object, whose field this was
        } else if (value instanceof Optional<?> optional) {
            value(optional.orElse(null));
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            firstField = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                // A key is data too: a map keyed by card number is still a card number.
                field(TEXT.redact(String.valueOf(entry.getKey())), entry.getValue());
            }
            out.append('}');
            firstField = false;
        } else if (value instanceof Iterable<?> iterable) {
            out.append('[');
            boolean first = true;
            for (Object element : iterable) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(element);
            }
            out.append(']');
        } else if (value.getClass().isArray()) {
            // java.lang.reflect.Array reads any array without reflective metadata (native-safe).
            out.append('[');
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(Array.get(value, i));
            }
            out.append(']');
        } else {
            string(TEXT.redact(String.valueOf(value)));
        }
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
