package io.zingtickets.infra.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.Mailbox;
import io.zingtickets.infra.SmtpServer;

/**
 * A real SMTP server (GreenMail) for a test run, on free ports. Provides the {@code quarkus.mailer.*}
 * settings that send to it, and fills a test's {@code @InjectMailbox Mailbox} field so the test can
 * read what arrived.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private Path workDir;
    private SmtpServer server;

    @Override
    public Map<String, String> start() {
        workDir = TempDirectories.create("smtp");
        server = SmtpServer.start(FreePorts.next(), FreePorts.next(), FreePorts.next(), workDir, workDir.resolve("greenmail.log"));
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(server.smtpPort()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.from", "tickets@zingtickets.io",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.tls", "false",
                "zingtickets.test.smtp.api-port", Integer.toString(server.apiPort()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server.mailbox(),
                new TestInjector.AnnotatedAndMatchesType(InjectMailbox.class, Mailbox.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        TempDirectories.delete(workDir);
    }
}
