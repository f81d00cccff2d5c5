package io.zingtickets.infra.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.Mailbox;
import io.zingtickets.infra.SmtpServer;

/**
 * A real SMTP server (GreenMail, accepting any recipient without authentication) for a test run, on
 * free ports, in a temp folder removed on stop. Provides {@code quarkus.mailer.host}, {@code .port},
 * {@code .mock=false}, {@code .from=tickets@zingtickets.io}, {@code .start-tls=DISABLED},
 * {@code .tls=false}, and {@code zingtickets.test.smtp.api-port}: the port of GreenMail's REST API,
 * where {@link Mailbox} reads what arrived.
 *
 * <pre>{@code
 * @QuarkusTestResource(SmtpTestResource.class)
 * class ConfirmationMailTest {
 *     @InjectMailbox
 *     Mailbox mailbox; // or Mailbox.at(ConfigProvider.getConfig().getValue("zingtickets.test.smtp.api-port", Integer.class))
 *
 *     @Test
 *     void confirms() {
 *         var mail = mailbox.waitForMessages("ada@example.com", 1, Duration.ofSeconds(30));
 *         assertThat(mail.get(0).body()).contains("Seats: 2");
 *     }
 * }
 * }</pre>
 *
 * A test that needs the server itself, to {@link SmtpServer#freeze()} it, has it in an {@link InjectSmtpServer}
 * field.
 *
 * <p>GreenMail keeps every message for the whole test run: use a fresh recipient address per test, or
 * {@link Mailbox#purge()}.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    /** The configuration key holding the port of GreenMail's REST API, for {@link Mailbox#at(int)}. */
    public static final String API_PORT = "zingtickets.test.smtp.api-port";

    private Path workDir;
    private SmtpServer server;

    @Override
    public Map<String, String> start() {
        workDir = TempDirectories.create("smtp");
        server = SmtpServer.start(FreePorts.next(), FreePorts.next(), FreePorts.next(), workDir,
                workDir.resolve("greenmail.log"));
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(server.smtpPort()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.from", "tickets@zingtickets.io",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.tls", "false",
                API_PORT, Integer.toString(server.apiPort()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server.mailbox(),
                new TestInjector.AnnotatedAndMatchesType(InjectMailbox.class, Mailbox.class));
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectSmtpServer.class, SmtpServer.class));
    }

    /** The scratch folder, removed by {@link #stop()}; for this module's own tests. */
    Path workDir() {
        return workDir;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        TempDirectories.delete(workDir);
    }
}
