package io.zingtickets.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import io.zingtickets.infra.ManagedProcess;
import io.zingtickets.infra.Mailbox;
import io.zingtickets.infra.SmtpServer;
import io.zingtickets.infra.Topics;

/** The test resources as Quarkus drives them: init, start, inject, stop; each against its real server. */
class TestResourcesTest {

    @Test
    void kafkaResourceProvidesABrokerWithTheContractTopics() throws Exception {
        KafkaTestResource resource = new KafkaTestResource();
        Map<String, String> config = resource.start();
        try {
            String bootstrap = config.get("kafka.bootstrap.servers");
            assertThat(bootstrap).startsWith("127.0.0.1:");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Map<String, Integer> partitions = admin.describeTopics(Topics.ALL.stream().map(Topics.Topic::name).toList())
                        .allTopicNames().get().values().stream()
                        .collect(Collectors.toMap(TopicDescription::name, t -> t.partitions().size()));
                assertThat(partitions).containsAllEntriesOf(Topics.ALL.stream()
                        .collect(Collectors.toMap(Topics.Topic::name, Topics.Topic::partitions)));
            }
            KafkaTestClient client = new KafkaTestClient(bootstrap);
            client.produce("payment.completed", "b-7", "{\"bookingId\":\"b-7\"}");
            assertThat(client.awaitRecord("payment.completed", r -> r.key().equals("b-7"), Duration.ofSeconds(30)).value())
                    .isEqualTo("{\"bookingId\":\"b-7\"}");
            assertThat(client.recordCount("payment.completed")).isEqualTo(1);
        } finally {
            resource.stop();
        }
        assertStopped(resource.workDir(), config.get("kafka.bootstrap.servers"));
    }

    @Test
    void postgresResourceProvidesTheNamedDatabase() throws Exception {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", "booking"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config.get("quarkus.datasource.reactive.url")).matches("postgresql://127\\.0\\.0\\.1:\\d+/booking");
            assertThat(config.get("quarkus.datasource.jdbc.url")).isEqualTo("jdbc:" + config.get("quarkus.datasource.reactive.url"));
            try (var connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                    var result = connection.createStatement().executeQuery("SELECT current_database(), current_user")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("booking");
                assertThat(result.getString(2)).isEqualTo("zingtickets");
            }
        } finally {
            resource.stop();
        }
        URI url = URI.create(config.get("quarkus.datasource.reactive.url"));
        assertStopped(resource.workDir(), url.getHost() + ":" + url.getPort());
    }

    static class DatabaseOutageTest {
        @InjectPostgres
        TestPostgres postgres;
    }

    @Test
    void postgresResourceLetsATestTakeTheDatabaseAwayAndBringItBack() throws Exception {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", "booking"));
        Map<String, String> config = resource.start();
        String url = config.get("quarkus.datasource.jdbc.url");
        String user = config.get("quarkus.datasource.username");
        String password = config.get("quarkus.datasource.password");
        try {
            DatabaseOutageTest test = new DatabaseOutageTest();
            resource.inject(fieldsOf(test));
            try (var connection = DriverManager.getConnection(url, user, password)) {
                connection.createStatement().execute("CREATE TABLE kept (id INT); INSERT INTO kept VALUES (7)");
            }

            test.postgres.fastShutdown();
            assertThatThrownBy(() -> DriverManager.getConnection(url, user, password)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
            test.postgres.startRefusingSessions();
            assertThatThrownBy(() -> DriverManager.getConnection(url, user, password)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57P03");
            test.postgres.start();
            try (var connection = DriverManager.getConnection(url, user, password);
                    var result = connection.createStatement().executeQuery("SELECT id FROM kept")) {
                assertThat(result.next()).as("what was committed before the shutdown").isTrue();
                assertThat(result.getInt(1)).isEqualTo(7);
            }
        } finally {
            resource.stop();
        }
    }

    static class MailTest {
        @InjectMailbox
        Mailbox mailbox;

        @InjectSmtpServer
        SmtpServer smtp;
    }

    @Test
    void smtpResourceConfiguresTheMailerAndInjectsTheMailboxAndTheServer() throws Exception {
        SmtpTestResource resource = new SmtpTestResource();
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsEntry("quarkus.mailer.mock", "false")
                    .containsEntry("quarkus.mailer.from", "tickets@zingtickets.io")
                    .containsEntry("quarkus.mailer.start-tls", "DISABLED")
                    .containsEntry("quarkus.mailer.tls", "false")
                    .containsKey(SmtpTestResource.API_PORT);
            MailTest test = new MailTest();
            resource.inject(fieldsOf(test));
            assertThat(test.mailbox).isNotNull();
            assertThat(test.smtp.smtpPort()).hasToString(config.get("quarkus.mailer.port"));

            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", config.get("quarkus.mailer.host"));
            smtp.put("mail.smtp.port", config.get("quarkus.mailer.port"));
            MimeMessage message = new MimeMessage(Session.getInstance(smtp));
            message.setFrom(new InternetAddress(config.get("quarkus.mailer.from")));
            message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress("grace@example.com"));
            message.setSubject("Your booking is confirmed");
            message.setText("Seats: 2, total 90.00 €", "UTF-8");
            Transport.send(message);

            Mailbox.Message received = test.mailbox.waitForMessages("grace@example.com", 1, Duration.ofSeconds(10)).get(0);
            assertThat(received.to()).isEqualTo("grace@example.com");
            assertThat(received.subject()).isEqualTo("Your booking is confirmed");
            assertThat(received.body()).isEqualTo("Seats: 2, total 90.00 €");
            assertThat(Mailbox.at(Integer.parseInt(config.get(SmtpTestResource.API_PORT))).messagesTo("grace@example.com"))
                    .hasSize(1);

            // Frozen: the kernel still accepts the connection, the server never greets it; thawed, it does.
            test.smtp.freeze();
            try (Socket socket = new Socket("127.0.0.1", test.smtp.smtpPort())) {
                socket.setSoTimeout(1000);
                assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                test.smtp.thaw();
                socket.setSoTimeout(10_000);
                assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine()).startsWith("220");
            } finally {
                test.smtp.thaw();
            }
        } finally {
            resource.stop();
        }
        assertStopped(resource.workDir(), "127.0.0.1:" + config.get("quarkus.mailer.port"));
    }

    private static void assertStopped(java.nio.file.Path workDir, String hostAndPort) {
        assertThat(workDir).doesNotExist();
        assertThat(ManagedProcess.isListening(Integer.parseInt(hostAndPort.substring(hostAndPort.indexOf(':') + 1))))
                .isFalse();
    }

    /** What Quarkus's injector does: sets every matching field of the test instance. */
    private static TestInjector fieldsOf(Object test) {
        return (value, matches) -> {
            for (Field field : test.getClass().getDeclaredFields()) {
                if (((Predicate<Field>) matches).test(field)) {
                    try {
                        field.setAccessible(true);
                        field.set(test, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }
}
