package io.zingtickets.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.zingtickets.email.privacy.EmailAddressMask;

class EmailAddressMaskTest {

    @Test
    void keepsTheFirstCharacterAndTheDomain() {
        assertThat(EmailAddressMask.mask("ada@example.com")).isEqualTo("a***@example.com");
    }

    @Test
    void hidesEverythingThatIsNotAnAddress() {
        assertThat(EmailAddressMask.mask("ada.lovelace")).isEqualTo("***");
        assertThat(EmailAddressMask.mask(null)).isEqualTo("***");
        assertThat(EmailAddressMask.mask(" ")).isEqualTo("***");
    }

    @Test
    void neverRevealsMoreThanOneCharacterOfTheLocalPart() {
        assertThat(EmailAddressMask.mask("@example.com")).isEqualTo("***@example.com");
        assertThat(EmailAddressMask.mask("\uD83D\uDE00smile@example.com")).isEqualTo("\uD83D\uDE00***@example.com");
    }

    @Test
    void masksAddressesQuotedInsideText() {
        assertThat(EmailAddressMask.maskAddressesIn("550 5.1.1 <ada.lovelace@mail.example.com>: unknown user"))
                .isEqualTo("550 5.1.1 <a***@mail.example.com>: unknown user");
        assertThat(EmailAddressMask.describe(new IllegalStateException("to grace@example.org and ada@example.com")))
                .isEqualTo("java.lang.IllegalStateException: to g***@example.org and a***@example.com");
        assertThat(EmailAddressMask.maskAddressesIn("Connection refused: /127.0.0.1:3025"))
                .isEqualTo("Connection refused: /127.0.0.1:3025");
    }
}
