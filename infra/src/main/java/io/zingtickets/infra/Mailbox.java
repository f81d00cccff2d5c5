package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the mail a {@link SmtpServer} received, through GreenMail's REST API: for tests (see
 * {@link io.zingtickets.infra.testing.SmtpTestResource}) and for people ({@code make run} prints the URL).
 *
 * <pre>{@code
 * Mailbox mailbox = Mailbox.at(apiPort);
 * List<Mailbox.Message> mail = mailbox.waitForMessages("ada@example.com", 1, Duration.ofSeconds(30));
 * assertThat(mail.get(0).subject()).isEqualTo("Your ZingTickets booking is confirmed");
 * assertThat(mail.get(0).body()).contains("Seats: 2");
 * }</pre>
 */
public final class Mailbox {

    /** One received message: its recipient, subject and the whole MIME message with headers ({@code raw}). */
    public record Message(String to, String subject, String raw) {

        /** A header's value, such as {@code X-ZingTickets-Booking-Id}; folded lines unfolded. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(MimeText.headers(raw).get(name.toLowerCase(java.util.Locale.ROOT)));
        }

        /** The text a reader sees: the plain-text body (or part), transfer encoding and charset decoded. */
        public String body() {
            return MimeText.of(raw);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    private Mailbox(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static Mailbox at(int apiPort) {
        return new Mailbox("http://127.0.0.1:" + apiPort);
    }

    public List<Message> messagesTo(String address) {
        HttpResponse<String> response = get("/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8)
                + "/messages/INBOX/");
        if (response.statusCode() == 404 || response.statusCode() == 400) {
            return List.of(); // GreenMail knows a user only once mail arrived for it
        }
        try {
            List<Message> messages = new ArrayList<>();
            for (JsonNode node : JSON.readTree(response.body())) {
                messages.add(new Message(address, node.path("subject").asText(), node.path("mimeMessage").asText()));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until at least {@code count} messages arrived for the address, then returns them all. */
    public List<Message> waitForMessages(String address, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Message> messages = messagesTo(address);
        while (messages.size() < count && System.nanoTime() < deadline) {
            ManagedProcess.sleep(200);
            messages = messagesTo(address);
        }
        if (messages.size() < count) {
            throw new AssertionError("Expected " + count + " message(s) to " + address + " within " + timeout + ", got "
                    + messages.size());
        }
        return messages;
    }

    /** Deletes every message of every user: a clean slate between tests. */
    public void purge() {
        try {
            http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/mail/purge")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
