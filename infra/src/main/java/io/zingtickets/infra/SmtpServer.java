package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
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
                "-Dgreenmail.auth.disabled", "-Dgreenmail.verbose=false",
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

    /**
     * SIGSTOP: connections are still accepted by the kernel but never answered, as with a hung server.
     * Whatever a client had written waits in the socket and is read once {@link #thaw()}ed.
     */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: the server answers again, with every mail it had received before still in its mailboxes. */
    public void thaw() {
        signal("CONT");
    }

    /** Java sends only SIGTERM and SIGKILL itself; SIGSTOP and SIGCONT go through kill(1). */
    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -s " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }
}
