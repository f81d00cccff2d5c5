package io.zingtickets.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            return cpuTicks(Files.readString(stat));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static long cpuTicks(String statLine) {
        // The command name in parentheses may hold spaces; the fields after it are fixed.
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    public static final String EVENT_LOOPS = "event loops";
    public static final String JIT_COMPILER = "JIT compiler";
    public static final String GC_AND_VM = "GC and VM";
    public static final String OTHER_THREADS = "other";

    /** Thread groups whose CPU time tells where a JVM's cost goes: request work, compiling it, or collecting its garbage. */
    private static final List<String> THREAD_GROUPS = List.of(EVENT_LOOPS, JIT_COMPILER, GC_AND_VM, OTHER_THREADS);

    /**
     * CPU clock ticks of a JVM per {@link #THREAD_GROUPS thread group}, from /proc/<pid>/task/<tid>/stat; threads
     * that ended meanwhile are missing (the JVM's compiler and GC threads live as long as it does).
     */
    public static Map<String, Long> cpuTicksByThreadGroup(long pid) {
        Map<String, Long> groups = new LinkedHashMap<>();
        THREAD_GROUPS.forEach(group -> groups.put(group, 0L));
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    groups.merge(threadGroup(name), cpuTicks(stat), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return groups;
    }

    private static String threadGroup(String threadName) {
        if (threadName.startsWith("vert.x-eventloo")) {
            return EVENT_LOOPS;
        }
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return JIT_COMPILER;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("VM ")) {
            return GC_AND_VM;
        }
        return OTHER_THREADS;
    }
}
