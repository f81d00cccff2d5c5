import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the benchmark programs of this folder share; the Java launcher compiles it with whichever of them
 * runs (a multi-file source program).
 */
final class BenchSupport {

    private BenchSupport() {
    }

    /** A benchmark setting from the environment; blank counts as unset. */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** One progress line, stamped to the second. */
    static void log(String format, Object... args) {
        System.out.printf("%s  %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), String.format(Locale.ROOT, format, args));
    }

    /** Removes the work folder of an earlier run. */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
