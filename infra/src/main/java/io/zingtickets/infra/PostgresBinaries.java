package io.zingtickets.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL binaries io.zonky publishes on Maven Central (a jar holding a {@code .txz}), unpacked
 * once into {@code .tools/postgres-<version>/dist}. Several test JVMs may start at once on a fresh
 * checkout, so unpacking holds a file lock and publishes the result with one atomic rename.
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {
    }

    static synchronized Path home() {
        Path tool = Tools.require("postgres-" + Tools.version("postgres"));
        Path unpacked = tool.resolve("dist");
        if (isComplete(unpacked)) {
            return unpacked;
        }
        try (FileChannel lockFile = FileChannel.open(tool.resolve("unpack.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (!isComplete(unpacked)) {
                unpack(Tools.require("postgres-" + Tools.version("postgres") + "/postgres-binaries.jar"), unpacked);
            }
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the PostgreSQL binaries into " + unpacked, e);
        }
    }

    private static boolean isComplete(Path unpacked) {
        return Files.isExecutable(unpacked.resolve("bin/postgres"));
    }

    private static void unpack(Path jar, Path target) throws IOException {
        Path staging = Files.createTempDirectory(target.getParent(), "unpack-");
        try {
            Path archive = staging.resolve(ARCHIVE);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(ARCHIVE);
                if (entry == null) {
                    throw new IllegalStateException(jar + " holds no " + ARCHIVE);
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, archive);
                }
            }
            Path dist = Files.createDirectories(staging.resolve("dist"));
            // tar keeps the archive's symlinks and permissions, which the server's libraries rely on.
            ManagedProcess.run("untar postgres", List.of("tar", "-xJf", archive.toString(), "-C", dist.toString()),
                    staging, staging.resolve("untar.log"), Duration.ofSeconds(120));
            deleteRecursively(target); // a partial copy from an interrupted older layout
            Files.move(dist, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
