package io.zingmonitor.runtime.redaction;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets inside free text, whoever wrote it: Luhn-valid card numbers (keeping the last four
 * digits), email addresses (keeping the first letter and the domain), bearer tokens, and values of
 * secret-named keys ({@code password=...}, {@code "cvc":"..."}). Cheap checks run first, so a
 * message with nothing to mask costs one scan.
 */
public final class SensitiveValueRedactor {

    public static final String MASK = "[REDACTED]";

    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d])");
    /**
     * A UUID's digit groups can pass for a card number ({@code ...-bd08-85518299049d} holds 13 digits
     * that may pass Luhn): an id is left as it is, and only a card number outside one is masked.
     */
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Package-private: the tests hold the window scan to it. */
    static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)([\"']?(?:password|passwd|pwd|secret|token|api[_-]?key|authorization|cvc|cvv|card[_-]?number|iban)[\"']?\\s*[:=]\\s*[\"']?)"
                    // not a value already masked, nor a scheme that the bearer rule masks
                    + "(?!(?:bearer|basic)\\s|\\[REDACTED])([^\"'\\s,&;}]+)");
    /**
     * Beginnings of the key names above. A message naming none of them skips that pattern, which is
     * the costliest of the four, and most lines have a ':' or '=' somewhere.
     */
    private static final String[] SECRET_KEY_STEMS = { "pass", "pwd", "secret", "token", "api", "authorization", "cvc",
            "cvv", "card", "iban" };

    private final boolean maskEmails;

    public SensitiveValueRedactor(boolean maskEmails) {
        this.maskEmails = maskEmails;
    }

    /** The text with every sensitive value masked; the same instance when there was nothing to mask. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        if (hasDigitRun(result, 13)) {
            result = maskCards(result);
        }
        if (maskEmails && result.indexOf('@') >= 0) {
            result = maskEmailAddresses(result);
        }
        // Word checks on a lower-case copy: String.indexOf is vectorised, a case-blind scan per
        // position is not.
        String lower = result.toLowerCase(Locale.ROOT);
        if (lower.contains("bearer") || lower.contains("basic")) {
            result = BEARER.matcher(result).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        }
        if ((result.indexOf('=') >= 0 || result.indexOf(':') >= 0) && mentionsSecretKey(lower)) {
            result = SECRET_ASSIGNMENT.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        }
        return result.equals(text) ? text : result;
    }

    /** An email address as it may appear in logs: {@code a***@example.com}. */
    public static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? MASK : email.charAt(0) + "***" + email.substring(at);
    }

    private static String maskCards(String text) {
        Matcher matcher = CARD.matcher(text);
        Matcher uuid = UUID.matcher(text);
        boolean uuidFound = uuid.find();
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            while (uuidFound && uuid.end() <= matcher.start()) {
                uuidFound = uuid.find();
            }
            boolean insideUuid = uuidFound && uuid.start() <= matcher.start() && matcher.end() <= uuid.end();
            String digits = matcher.group().replaceAll("[ -]", "");
            String replacement = !insideUuid && Luhn.isValid(digits)
                    ? "****" + digits.substring(digits.length() - 4)
                    : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * What {@code EMAIL.matcher(text).replaceAll("$1***@$2")} returns, without its cost: over the whole
     * text the pattern tries every letter as the start of a local part and runs to the end of its word,
     * so a line with ids in it (a UUID is one 36-character run) cost a quadratic scan, 6 % of a
     * service's CPU when each mail sent logs its (already masked) address. An address holds exactly
     * one '@', its local part lies in the run of local-part characters just before it and its domain
     * in the run of domain characters just after, so the pattern is matched within that window only,
     * and not at all when no local-part character precedes the '@' (as in {@code b***@example.com}).
     */
    private static String maskEmailAddresses(String text) {
        Matcher matcher = null;
        StringBuilder out = null;
        int copied = 0;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = at;
            // Not back into an address masked already, as the whole-text scan would not.
            while (start > copied && isLocalPartChar(text.charAt(start - 1))) {
                start--;
            }
            if (start == at) {
                continue;
            }
            int end = at + 1;
            while (end < text.length() && isDomainChar(text.charAt(end))) {
                end++;
            }
            matcher = matcher == null ? EMAIL.matcher(text) : matcher;
            if (matcher.region(start, end).find()) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, copied, matcher.start()).append(matcher.group(1)).append("***@").append(matcher.group(2));
                copied = matcher.end();
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean isLocalPartChar(char c) {
        return isDomainChar(c) || c == '_' || c == '%' || c == '+';
    }

    private static boolean isDomainChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-';
    }

    private static boolean hasDigitRun(String text, int minDigits) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= minDigits) {
                    return true;
                }
            } else if (c != ' ' && c != '-') {
                digits = 0;
            }
        }
        return false;
    }

    private static boolean mentionsSecretKey(String lowerCaseText) {
        for (String stem : SECRET_KEY_STEMS) {
            if (lowerCaseText.contains(stem)) {
                return true;
            }
        }
        return false;
    }
}
