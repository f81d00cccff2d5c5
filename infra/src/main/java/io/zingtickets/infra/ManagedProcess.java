package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server run as a child process: output to a log file, ready when its port accepts connections,
 * stopped with SIGTERM and killed if it does not exit in time. Its pid can be written to a file so a
 * later command ({@code make infra-down}) can stop it after this JVM is gone.
 */
public final class ManagedProcess {

    private final String name;
    private final Process process;
    private final ProcessHandle handle;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.handle = process.toHandle();
        this.log = log;
    }

    public static ManagedProcess start(String name, List<String> command, Path workDir, Path log, Map<String, String> env) {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ManagedProcess(name, builder.start(), log);
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
            if (step.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed (exit " + step.process.exitValue() + "); see " + log + ":\n"
                        + step.tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + "; see " + log
                + ":\n" + tail());
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    public Path log() {
        return log;
    }

    public void writePid(Path pidFile) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, Long.toString(handle.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop(Duration grace) {
        stop(handle, grace);
    }

    /** SIGTERM, then SIGKILL after the grace period; children (a server's workers) included. */
    public static void stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Stops the process a pid file names, if it is still running; removes the file. */
    public static boolean stopByPidFile(Path pidFile, Duration grace) {
        if (!Files.exists(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            process.ifPresent(p -> stop(p, grace));
            Files.deleteIfExists(pidFile);
            return process.isPresent();
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    public static boolean isRunning(Path pidFile) {
        try {
            return Files.exists(pidFile)
                    && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
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
}
