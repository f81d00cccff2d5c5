package io.zingtickets.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server: GreenMail standalone from Maven Central, run as its own JVM, accepting mail for
 * any address (no authentication) and showing what it received through IMAP and its REST API
 * ({@link Mailbox}).
 */
public final class SmtpServer {

    private final int smtpPort;
    private final int apiPort;
    private final ManagedProcess process;

    private SmtpServer(int smtpPort, int apiPort, ManagedProcess process) {
        this.smtpPort = smtpPort;
        this.apiPort = apiPort;
        this.process = process;
    }

    public static SmtpServer start(int smtpPort, int imapPort, int apiPort, Path workDir, Path log) {
        Path jar = Tools.require("greenmail-" + Tools.version("greenmail") + "/greenmail-standalone.jar");
        ManagedProcess process = ManagedProcess.start("greenmail", List.of(KafkaBroker.java(), "-Xms32m", "-Xmx256m",
                "-XX:+UseSerialGC",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + imapPort,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                // No -Dgreenmail.verbose in any form: GreenMail checks only that the property is present, so even
                // "=false" turns on DEBUG logging of every SMTP line, most of the server's CPU under load.
                "-Dgreenmail.auth.disabled",
                "-jar", jar.toString()), workDir, log, Map.of());
        process.awaitPort(smtpPort, Duration.ofSeconds(60));
        process.awaitPort(apiPort, Duration.ofSeconds(60));
        return new SmtpServer(smtpPort, apiPort, process);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int apiPort() {
        return apiPort;
    }

    public Mailbox mailbox() {
        return Mailbox.at(apiPort);
    }

    public ManagedProcess process() {
        return process;
    }

    /** SIGSTOP: the hung server of a bad day ({@link ManagedProcess#freeze()}); every mail it had received stays. */
    public void freeze() {
        process.freeze();
    }

    public void thaw() {
        process.thaw();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }
}
