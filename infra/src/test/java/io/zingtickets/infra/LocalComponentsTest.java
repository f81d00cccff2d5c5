package io.zingtickets.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each real component starts from .tools/, does its job, and stops. */
class LocalComponentsTest {

    @TempDir
    Path dir;

    @Test
    void kafkaBrokerCreatesTheContractTopicsAndCarriesRecords() throws Exception {
        KafkaBroker broker = KafkaBroker.start(FreePorts.next(), FreePorts.next(), dir, dir.resolve("kafka.log"));
        try {
            Properties admin = new Properties();
            admin.put("bootstrap.servers", broker.bootstrapServers());
            try (Admin client = Admin.create(admin)) {
                assertThat(client.listTopics().names().get()).containsAll(
                        Topics.ALL.stream().map(Topics.Topic::name).toList());
            }
            Properties producer = new Properties();
            producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            try (var p = new KafkaProducer<String, String>(producer)) {
                p.send(new ProducerRecord<>("booking.requested", "b-1", "{\"bookingId\":\"b-1\"}")).get();
            }
            Properties consumer = new Properties();
            consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "test");
            consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            try (var c = new KafkaConsumer<String, String>(consumer)) {
                c.subscribe(Set.of("booking.requested"));
                long deadline = System.currentTimeMillis() + 30_000;
                String value = null;
                while (value == null && System.currentTimeMillis() < deadline) {
                    for (var record : c.poll(Duration.ofMillis(500))) {
                        value = record.key() + "=" + record.value();
                    }
                }
                assertThat(value).isEqualTo("b-1={\"bookingId\":\"b-1\"}");
            }
        } finally {
            broker.stop();
        }
        assertThat(broker.process().isAlive()).isFalse();
    }

    @Test
    void postgresServesTheDatabases() throws Exception {
        dir.toFile().setExecutable(true, false);
        PostgresServer server = PostgresServer.start(FreePorts.next(), dir, dir.resolve("postgres.log"), List.of("booking"));
        try (var connection = DriverManager.getConnection(server.jdbcUrl("booking"), PostgresServer.USER, PostgresServer.PASSWORD);
                var result = connection.createStatement().executeQuery("SELECT current_database(), version()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("booking");
            assertThat(result.getString(2)).startsWith("PostgreSQL 17");
        } finally {
            server.stop();
        }
    }

    @Test
    void smtpServerReceivesMailThatTheMailboxReads() throws Exception {
        SmtpServer server = SmtpServer.start(FreePorts.next(), FreePorts.next(), FreePorts.next(), dir, dir.resolve("smtp.log"));
        try {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", Integer.toString(server.smtpPort()));
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress("tickets@zingtickets.io"));
            message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress("ada@example.com"));
            message.setSubject("Your booking is confirmed");
            message.setHeader("X-ZingTickets-Booking-Id", "b-42");
            message.setText("See you there");
            Transport.send(message);

            var received = server.mailbox().waitForMessages("ada@example.com", 1, Duration.ofSeconds(10));
            assertThat(received).singleElement().satisfies(m -> {
                assertThat(m.subject()).isEqualTo("Your booking is confirmed");
                assertThat(m.header("X-ZingTickets-Booking-Id")).contains("b-42");
                assertThat(m.body()).isEqualTo("See you there");
            });
            assertThat(server.mailbox().messagesTo("nobody@example.com")).isEmpty();
        } finally {
            server.stop();
        }
    }

    @Test
    void prometheusServesItsWebUiPagesWithEveryScriptAndStyleTheyLink() throws Exception {
        PrometheusServer server = PrometheusServer.start(FreePorts.next(), Map.of(), List.of(), "127.0.0.1:1", dir,
                dir.resolve("prometheus.log"));
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
            // Prometheus 3's UI is one page whose bundle is embedded in the binary (relative links).
            Pattern linked = Pattern.compile("(?:src|href)=\"\\./(assets/[^\"]+)\"");
            for (String page : List.of("/query", "/targets", "/alerts", "/rules")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + page)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(page).isEqualTo(200);
                assertThat(response.body()).as(page).contains("<title>Prometheus");
                List<String> assets = linked.matcher(response.body()).results().map(m -> m.group(1)).toList();
                assertThat(assets).as("scripts and styles of " + page).isNotEmpty();
                for (String asset : assets) {
                    int status = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/" + asset)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    assertThat(status).as(asset + " linked from " + page).isEqualTo(200);
                }
            }
        } finally {
            server.stop();
        }
    }

    /**
     * Prometheus 3 keeps an OpenMetrics scrape with an exemplar on a histogram's {@code _count} (what
     * Micrometer writes), and stores that exemplar; Prometheus 2.42 rejected the whole scrape, which the
     * extension used to work around by stripping such exemplars.
     */
    @Test
    void prometheusAcceptsAnExemplarOnAHistogramsCount() throws Exception {
        com.sun.net.httpserver.HttpServer service = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] metrics = """
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{le="0.1"} 3.0 # {span_id="1",trace_id="2"} 0.05 1.7E9
                http_server_requests_seconds_bucket{le="+Inf"} 3.0
                http_server_requests_seconds_count 3.0 # {span_id="1",trace_id="3"} 0.05 1.7E9
                http_server_requests_seconds_sum 0.12
                # EOF
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        service.createContext("/q/metrics", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8");
            exchange.sendResponseHeaders(200, metrics.length);
            exchange.getResponseBody().write(metrics);
            exchange.close();
        });
        service.start();
        PrometheusServer server = PrometheusServer.start(FreePorts.next(),
                Map.of("svc", "127.0.0.1:" + service.getAddress().getPort()), List.of(), "127.0.0.1:1", dir,
                dir.resolve("prometheus.log"));
        try (HttpClient http = HttpClient.newHttpClient()) {
            String exemplars = server.url() + "/api/v1/query_exemplars?start=0&query=http_server_requests_seconds_count";
            long deadline = System.currentTimeMillis() + 30_000;
            String body = "";
            while (!body.contains("\"trace_id\":\"3\"") && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                body = http.send(HttpRequest.newBuilder(URI.create(exemplars)).build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertThat(body).contains("\"trace_id\":\"3\"");
        } finally {
            server.stop();
            service.stop(0);
        }
    }
}
