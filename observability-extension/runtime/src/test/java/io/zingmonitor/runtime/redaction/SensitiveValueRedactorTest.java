package io.zingmonitor.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** The free-text scan on its own: every secret-named key in any spelling, and nothing else touched. */
class SensitiveValueRedactorTest {

    private final SensitiveValueRedactor redactor = new SensitiveValueRedactor(true);

    @ParameterizedTest
    @ValueSource(strings = { "PASSWORD=s3cr3tvalue", "passwd: s3cr3tvalue", "Pwd=s3cr3tvalue", "client_secret=s3cr3tvalue",
            "access_token=s3cr3tvalue", "API-KEY: s3cr3tvalue", "apikey=s3cr3tvalue", "Authorization: s3cr3tvalue",
            "CVV=s3cr3tvalue", "\"cvc\":\"s3cr3tvalue\"", "card_number=s3cr3tvalue", "cardNumber: s3cr3tvalue",
            "IBAN: s3cr3tvalue", "retry with token = s3cr3tvalue" })
    void masksTheValueOfEverySecretNamedKey(String assignment) {
        String line = "request failed, " + assignment + " after 3 attempts";

        assertThat(redactor.redact(line)).doesNotContain("s3cr3tvalue").contains(SensitiveValueRedactor.MASK)
                .startsWith("request failed, ").endsWith(" after 3 attempts");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Booking 5f0c7a1e-2b4d-4c55-9a3e-6f1d2c3b4a59 created: 2 seat(s) for event 7, payment requested",
            "GET /events/{id} 200 0.84 ms", "retries=3, timeout: 5s", "capacity: 120 seats",
            // its "08-85518299049" passes Luhn: an id, not a card
            "Authorizing booking 19ea68b6-c50b-4e8c-bd08-85518299049d" })
    void leavesTextWithoutSecretsAsItIs(String line) {
        assertThat(redactor.redact(line)).isSameAs(line);
    }

    /** The window scan must give what the pattern gives over the whole text, on every kind of neighbour. */
    @ParameterizedTest
    @ValueSource(strings = { "mail to jane.doe+tickets@mail.example.com failed", "jane@example.com", "a@b.co",
            "Sent the CONFIRMATION email of booking 41e144ec-0b25-4160-92d4-2fb9bb2d90b8 to bob@example.com",
            "already masked: b***@example.com", "two: ann@x.org,bob@y.net; and __zed@z.io.", "no local part: @example.com",
            "no domain: jane@localhost", "a@b.comc@d.org", "a@b.com1x@d.org", "x@y@z.com", "-_.@example.com",
            "._ab@x.com", "jane@-odd-.example.com", "1234@example.com trailing", "@@@", "jane@example.c" })
    void masksEmailAddressesAsThePatternDoesOverTheWholeText(String line) {
        String wholeTextScan = SensitiveValueRedactor.EMAIL.matcher(line).replaceAll("$1***@$2");

        assertThat(redactor.redact(line)).isEqualTo(wholeTextScan);
    }

    @org.junit.jupiter.api.Test
    void masksAnAddressKeepingItsFirstLetterAndDomain() {
        assertThat(redactor.redact("Sent the CONFIRMATION email of booking 41e144ec-0b25-4160-92d4-2fb9bb2d90b8 to jane.doe@example.com"))
                .isEqualTo("Sent the CONFIRMATION email of booking 41e144ec-0b25-4160-92d4-2fb9bb2d90b8 to j***@example.com");
        assertThat(new SensitiveValueRedactor(false).redact("to jane.doe@example.com")).isEqualTo("to jane.doe@example.com");
    }

    @org.junit.jupiter.api.Test
    void aCardNextToAUuidIsStillMasked() {
        assertThat(redactor.redact("booking 19ea68b6-c50b-4e8c-bd08-85518299049d paid with 4000 0566 5566 5556"))
                .isEqualTo("booking 19ea68b6-c50b-4e8c-bd08-85518299049d paid with ****5556");
    }
}
