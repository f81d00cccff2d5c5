package io.zingtickets.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's memory and CPU time as Linux's /proc reports them: what the benchmarks and the game day
 * measure a process by, read the same way everywhere.
 */
public final class ProcessStats {

    private ProcessStats() {
    }

    /** {@code VmRSS} (resident now) in KiB; 0 once the process is gone. */
    public static long rssKiB(long pid) {
        return statusKiB(pid, "VmRSS");
    }

    /** {@code VmHWM} (the most it was ever resident) in KiB; 0 once the process is gone. */
    public static long peakRssKiB(long pid) {
        return statusKiB(pid, "VmHWM");
    }

    private static long statusKiB(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith(field + ":")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** User plus system CPU time of a process in clock ticks (10 ms on Linux); 0 once it is gone. */
    public static long cpuTicks(long pid) {
        return cpuTicks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The same from a {@code stat} file: a process's, or one thread's ({@code /proc/<pid>/task/<tid>/stat}). */
    public static long cpuTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            // The command name in parentheses may hold spaces; the fields after it are fixed.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
