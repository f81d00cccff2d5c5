package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server run as a child process: output to a log file, ready when its port accepts connections,
 * stopped with its stop signal and killed if it does not exit in time. A {@link PidFile} lets a later
 * command ({@code make infra-down}) stop it after this JVM is gone.
 */
public final class ManagedProcess {

    /** How a server asks to be shut down cleanly; most take SIGTERM, PostgreSQL's fast shutdown is SIGINT. */
    public enum StopSignal {
        TERM, INT
    }

    private final String name;
    private final Process process;
    private final ProcessHandle handle;
    private final Path log;
    private final StopSignal stopSignal;

    private ManagedProcess(String name, Process process, Path log, StopSignal stopSignal) {
        this.name = name;
        this.process = process;
        this.handle = process.toHandle();
        this.log = log;
        this.stopSignal = stopSignal;
    }

    public static ManagedProcess start(String name, List<String> command, Path workDir, Path log, Map<String, String> env) {
        return start(name, command, workDir, log, env, StopSignal.TERM);
    }

    public static ManagedProcess start(String name, List<String> command, Path workDir, Path log, Map<String, String> env,
            StopSignal stopSignal) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ManagedProcess(name, builder.start(), log, stopSignal);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    /** Runs a command to completion (a setup step such as formatting storage), failing with its output. */
    public static void run(String name, List<String> command, Path workDir, Path log, Duration timeout) {
        ManagedProcess step = start(name, command, workDir, log, Map.of());
        try {
            if (!step.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                step.stop(Duration.ofSeconds(5));
                throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (step.process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed (exit " + step.process.exitValue() + "); see " + log + ":\n"
                    + step.tail());
        }
    }

    public void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!handle.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log + ":\n" + tail());
            }
            if (isListening(port)) {
                return;
            }
            sleep(200);
        }
        stop(Duration.ofSeconds(10)); // never leave a half-started server behind
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + "; see " + log
                + ":\n" + tail());
    }

    /**
     * Waits until {@code url} answers 200 (a readiness or health check), failing early when the process
     * exits. Does not stop the process on failure: call it inside {@link #completeStartup(Runnable)}.
     */
    public void awaitHttpOk(URI url, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!handle.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log + ":\n" + tail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(300);
        }
        throw new IllegalStateException(name + " did not answer 200 on " + url + " within " + timeout + "; see " + log
                + ":\n" + tail());
    }

    /** Runs a step that completes the start-up (creating topics, waiting for readiness); stops the process if it fails. */
    public void completeStartup(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            stop(Duration.ofSeconds(10));
            throw e;
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public ProcessHandle handle() {
        return handle;
    }

    public StopSignal stopSignal() {
        return stopSignal;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Records this process in a pid file, for {@code down} or {@code status} from another JVM. */
    public void writePid(Path pidFile) {
        new PidFile(pidFile).write(this);
    }

    public void stop(Duration grace) {
        stop(handle, stopSignal, grace);
    }

    /** The stop signal, then SIGKILL after the grace period; children (a server's workers) included. */
    public static void stop(ProcessHandle process, StopSignal signal, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        send(process, signal);
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().completeOnTimeout(process, 5, TimeUnit.SECONDS).join();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * SIGSTOP of the server and its children: connections are still accepted by the kernel but never answered,
     * as with a hung server. Whatever a client had written waits in the socket and is read once {@link #thaw()}ed.
     */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: the server goes on where it stopped. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        List<Long> pids = new ArrayList<>(List.of(handle.pid()));
        // A server started through a wrapper (another user's shell) does its work in the children.
        handle.descendants().forEach(child -> pids.add(child.pid()));
        try {
            if (!kill(signal, pids)) {
                throw new IllegalStateException("kill -s " + signal + " " + pids + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void send(ProcessHandle process, StopSignal signal) {
        if (signal == StopSignal.TERM) {
            process.destroy();
            return;
        }
        try {
            if (kill(signal.name(), List.of(process.pid()))) {
                return;
            }
        } catch (IOException e) {
            // no kill(1) here: SIGTERM below still stops the server, if less gracefully
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }

    /** Java sends only SIGTERM and SIGKILL itself; other signals go through kill(1). Whether it worked within 5 s. */
    private static boolean kill(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-s", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
    }
}
