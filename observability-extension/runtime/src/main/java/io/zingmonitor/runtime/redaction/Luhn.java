package io.zingmonitor.runtime.redaction;

/** The Luhn checksum that every payment card number satisfies. */
public final class Luhn {

    private Luhn() {
    }

    public static boolean isValid(CharSequence digits) {
        int length = digits.length();
        if (length < 12 || length > 19) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = length - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
