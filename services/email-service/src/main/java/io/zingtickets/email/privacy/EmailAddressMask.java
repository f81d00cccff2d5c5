package io.zingtickets.email.privacy;

import java.util.regex.Pattern;

/**
 * Makes an email address fit for a log line: {@code ada@example.com} becomes {@code a***@example.com}.
 * Enough to tell support which domain bounced, too little to identify the buyer.
 */
public final class EmailAddressMask {

    private static final String HIDDEN = "***";
    private static final Pattern ADDRESS_IN_TEXT =
            Pattern.compile("([A-Za-z0-9_%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)");

    private EmailAddressMask() {
    }

    public static String mask(String address) {
        if (address == null || address.isBlank()) {
            return HIDDEN;
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return HIDDEN;
        }
        String first = at == 0 ? "" : address.substring(0, address.offsetByCodePoints(0, 1));
        return first + HIDDEN + address.substring(at);
    }

    /** Masks every address inside a free text, such as an SMTP server's reply quoting the recipient. */
    public static String maskAddressesIn(String text) {
        return text == null ? null : ADDRESS_IN_TEXT.matcher(text).replaceAll("$1" + HIDDEN + "$2");
    }

    /** A failure as it may be logged: its type and its message with every address masked. */
    public static String describe(Throwable failure) {
        return failure.getClass().getName() + ": " + maskAddressesIn(failure.getMessage());
    }
}
