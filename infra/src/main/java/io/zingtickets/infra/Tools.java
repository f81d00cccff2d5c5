package io.zingtickets.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the real servers' binaries are: {@code .tools/} at the repository root, filled by the infra
 * module's build ({@code ./mvnw install -pl infra}, part of {@code make build} and every target using it).
 * The system property {@code zingtickets.tools.dir} (set by surefire from the parent POM) points
 * elsewhere; without it, the folder is found from the working directory upwards.
 */
public final class Tools {

    private static final Properties VERSIONS = load();

    private Tools() {
    }

    public static Path directory() {
        String configured = System.getProperty("zingtickets.tools.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return repositoryRoot().resolve(".tools");
    }

    /** The folder holding {@code mvnw}, found from the working directory upwards. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the repository root (a folder with mvnw and infra/) above "
                + Path.of("").toAbsolutePath());
    }

    public static String version(String component) {
        return VERSIONS.getProperty(component);
    }

    /** A tool's path, failing with the command that installs it when it is missing. */
    public static Path require(String relative) {
        Path path = directory().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: run `./mvnw install -pl infra -DskipTests` at the "
                    + "repository root (or `make build`), which fetches Kafka, PostgreSQL, GreenMail and Zipkin into " + directory());
        }
        return path;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Tools.class.getResourceAsStream("versions.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
