package io.zingtickets.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A scratch folder per started component, removed with everything in it when the component stops. */
final class TempDirectories {

    private TempDirectories() {
    }

    static Path create(String component) {
        try {
            Path dir = Files.createTempDirectory("zingtickets-" + component + "-");
            // The PostgreSQL server runs as an unprivileged user when tests run as root.
            dir.toFile().setReadable(true, false);
            dir.toFile().setExecutable(true, false);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left behind in the temp folder: harmless, and no reason to fail a test run.
        }
    }
}
