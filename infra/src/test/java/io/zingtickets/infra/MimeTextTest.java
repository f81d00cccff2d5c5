package io.zingtickets.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeTextTest {

    @Test
    void plainBodyAsIs() {
        assertThat(MimeText.of("Subject: hi\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSeats: 2\r\n"))
                .isEqualTo("Seats: 2\r\n");
    }

    @Test
    void quotedPrintableDecodedInItsCharset() {
        String raw = """
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                Total: 90.00 =E2=82=AC, a very long line that the mailer had to =
                wrap softly
                """;
        assertThat(MimeText.of(raw)).isEqualTo("Total: 90.00 €, a very long line that the mailer had to wrap softly\n");
    }

    @Test
    void firstPlainTextPartOfAMultipartMessage() {
        String raw = """
                Content-Type: multipart/alternative;
                \tboundary="----=_Part_0"

                preamble
                ------=_Part_0
                Content-Type: text/html; charset=UTF-8

                <p>Seats: 2</p>
                ------=_Part_0
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                U2VhdHM6IDI=
                ------=_Part_0--
                """;
        assertThat(MimeText.of(raw)).isEqualTo("Seats: 2");
        assertThat(MimeText.headers(raw).get("content-type")).isEqualTo("multipart/alternative; boundary=\"----=_Part_0\"");
    }

    @Test
    void htmlWhenThereIsNoPlainText() {
        String raw = """
                Content-Type: multipart/mixed; boundary=b1

                --b1
                Content-Type: text/html

                <p>hello</p>
                --b1--
                """;
        assertThat(MimeText.of(raw)).isEqualTo("<p>hello</p>");
    }
}
