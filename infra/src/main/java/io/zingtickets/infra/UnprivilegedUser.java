package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL refuses to run as root. When this JVM is root, its commands run as {@code nobody}
 * through setpriv, which changes identity and then executes the command itself: no intermediate
 * process, so the pid we keep is the server's and our signals reach it directly.
 */
final class UnprivilegedUser {

    static final String NAME = "nobody";

    private UnprivilegedUser() {
    }

    static boolean needed() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static List<String> wrap(List<String> command) {
        if (!needed()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NAME, "--regid=" + primaryGroup(),
                "--clear-groups", "--reset-env", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives the folder to the unprivileged user, after checking it can reach it at all. */
    static void own(Path dir) {
        if (!needed()) {
            return;
        }
        ManagedProcess.run("chown", List.of("chown", "-R", NAME + ":" + primaryGroup(), dir.toString()), dir,
                dir.resolve("owner.log"), Duration.ofSeconds(30));
        try {
            ManagedProcess.run("access check", wrap(List.of("test", "-w", dir.toString())), dir, dir.resolve("owner.log"),
                    Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("PostgreSQL runs as '" + NAME + "' (it refuses root), which cannot reach " + dir
                    + ": a parent folder is closed to other users. Keep the repository (and the temp folder) where "
                    + "other users may traverse, e.g. chmod o+x on the parents.", e);
        }
    }

    /** Debian calls the group nogroup, others nobody: take whatever /etc/passwd gives the user. */
    private static String primaryGroup() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 3 && fields[0].equals(NAME)) {
                    return fields[3];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No user '" + NAME + "' in /etc/passwd to run PostgreSQL as (it refuses root)");
    }
}
