package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a detached start leaves behind so that a later command can find and stop the process: its pid,
 * its start time and its stop signal ({@code 12345 2026-11-25T10:00:00.12Z INT}). The start time
 * guards against a pid reused after a reboot: we run as root, and must never stop a stranger.
 */
public record PidFile(Path path) {

    /** Start times are read from /proc in clock ticks; two readings of one process agree to well within this. */
    private static final Duration SAME_PROCESS = Duration.ofSeconds(1);

    public void write(ManagedProcess process) {
        String started = process.handle().info().startInstant().map(Instant::toString).orElse("-");
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, process.pid() + " " + started + " " + process.stopSignal() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process this file names, if it is still the same one and alive. */
    public Optional<ProcessHandle> runningProcess() {
        return read().flatMap(entry -> ProcessHandle.of(entry.pid())
                .filter(ProcessHandle::isAlive)
                .filter(process -> entry.started().isEmpty() || sameStart(process, entry.started().get())));
    }

    public boolean isRunning() {
        return runningProcess().isPresent();
    }

    /** Stops the process if it is still running, and removes the file; whether there was one to stop. */
    public boolean stop(Duration grace) {
        ManagedProcess.StopSignal signal = read().map(Entry::stopSignal).orElse(ManagedProcess.StopSignal.TERM);
        Optional<ProcessHandle> process = runningProcess();
        process.ifPresent(p -> ManagedProcess.stop(p, signal, grace));
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return process.isPresent();
    }

    private record Entry(long pid, Optional<Instant> started, ManagedProcess.StopSignal stopSignal) {
    }

    private Optional<Entry> read() {
        try {
            if (!Files.exists(path)) {
                return Optional.empty();
            }
            String[] fields = Files.readString(path).trim().split("\\s+");
            Optional<Instant> started = fields.length > 1 && !fields[1].equals("-") ? Optional.of(Instant.parse(fields[1]))
                    : Optional.empty();
            ManagedProcess.StopSignal signal = fields.length > 2 ? ManagedProcess.StopSignal.valueOf(fields[2])
                    : ManagedProcess.StopSignal.TERM;
            return Optional.of(new Entry(Long.parseLong(fields[0]), started, signal));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: nothing we can safely stop
        }
    }

    private static boolean sameStart(ProcessHandle process, Instant recorded) {
        return process.info().startInstant()
                .map(actual -> Duration.between(actual, recorded).abs().compareTo(SAME_PROCESS) < 0)
                .orElse(false);
    }
}
