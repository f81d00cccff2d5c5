package io.zingtickets.infra;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of a raw MIME message, for tests asserting on what a user would read: the body of
 * a single-part message, or the first text/plain part of a multipart one (else the first text part),
 * with its transfer encoding (quoted-printable, base64) and charset decoded. Deliberately small: the
 * services send plain or simple multipart mail, and the infra module carries no mail library.
 */
final class MimeText {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);

    private MimeText() {
    }

    static String of(String raw) {
        return text(raw).orElseGet(() -> body(raw));
    }

    /** The header values of a message or part, names lower-cased, folded lines unfolded. */
    static Map<String, String> headers(String entity) {
        Map<String, String> headers = new LinkedHashMap<>();
        String last = null;
        for (String line : entity.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                headers.merge(last, " " + line.strip(), String::concat);
            } else if (line.contains(":")) {
                last = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                headers.putIfAbsent(last, line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return headers;
    }

    private static Optional<String> text(String entity) {
        Map<String, String> headers = headers(entity);
        String type = headers.getOrDefault("content-type", "text/plain").toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            Matcher boundary = BOUNDARY.matcher(headers.get("content-type"));
            if (!boundary.find()) {
                return Optional.empty();
            }
            // The line break before a boundary belongs to the boundary (RFC 2046), not to the part.
            String[] parts = body(entity).split("(?m)(\\r?\\n)?^--" + Pattern.quote(boundary.group(1)) + "(--)?[ \\t]*$");
            Optional<String> html = Optional.empty();
            for (int i = 1; i < parts.length; i++) { // before the first boundary is the preamble
                String part = parts[i].replaceFirst("^\r?\n", "");
                if (part.isBlank()) {
                    continue;
                }
                String partType = headers(part).getOrDefault("content-type", "text/plain").toLowerCase(Locale.ROOT);
                Optional<String> text = text(part);
                if (partType.startsWith("text/plain") || partType.startsWith("multipart/")) {
                    if (text.isPresent()) {
                        return text;
                    }
                } else if (html.isEmpty()) {
                    html = text;
                }
            }
            return html;
        }
        if (!type.startsWith("text/")) {
            return Optional.empty();
        }
        Matcher charset = CHARSET.matcher(type);
        Charset encoding = charset.find() && Charset.isSupported(charset.group(1)) ? Charset.forName(charset.group(1))
                : StandardCharsets.UTF_8;
        String transfer = headers.getOrDefault("content-transfer-encoding", "7bit").toLowerCase(Locale.ROOT);
        String body = body(entity);
        return Optional.of(switch (transfer) {
            case "quoted-printable" -> new String(quotedPrintable(body), encoding);
            case "base64" -> new String(Base64.getMimeDecoder().decode(body), encoding);
            default -> body;
        });
    }

    private static String body(String entity) {
        Matcher separator = Pattern.compile("\r?\n\r?\n").matcher(entity);
        return separator.find() ? entity.substring(separator.end()) : "";
    }

    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = text.replaceAll("=\r?\n", "").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '=' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
