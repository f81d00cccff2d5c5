package io.zingtickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server from the binaries io.zonky publishes on Maven Central. PostgreSQL refuses
 * to run as root, so when this JVM is root the server runs as {@code nobody} (setpriv, no
 * intermediate process, so signals reach it directly) and its data directory belongs to that user.
 */
public final class PostgresServer {

    public static final String USER = "zingtickets";
    public static final String PASSWORD = "zingtickets";
    public static final List<String> DATABASES = List.of("booking", "payment", "email");

    private final int port;
    private final ManagedProcess process;

    private PostgresServer(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    public static PostgresServer start(int port, Path workDir, Path log, List<String> databases) {
        Path binaries = binaries();
        Path data = workDir.resolve("data");
        Path socketDir = workDir.resolve("socket");
        try {
            Files.createDirectories(socketDir);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                Files.createDirectories(data);
                Path passwordFile = workDir.resolve("pwfile");
                Files.writeString(passwordFile, PASSWORD + "\n");
                ownByServerUser(workDir);
                ManagedProcess.run("initdb", asServerUser(List.of(binaries.resolve("bin/initdb").toString(), "-D",
                        data.toString(), "-U", USER, "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8",
                        "--locale=C", "--no-instructions")), workDir, log, Duration.ofSeconds(120));
                Files.deleteIfExists(passwordFile);
            }
            ownByServerUser(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start("postgres", asServerUser(List.of(
                binaries.resolve("bin/postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-h", "127.0.0.1", "-k", socketDir.toString(), "-c", "fsync=off", "-c", "max_connections=200")),
                workDir, log, Map.of());
        process.awaitPort(port, Duration.ofSeconds(60));
        PostgresServer server = new PostgresServer(port, process);
        server.createDatabases(databases);
        return server;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    public void createDatabases(List<String> databases) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                    Statement statement = connection.createStatement()) {
                for (String database : databases) {
                    var existing = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
                    if (!existing.next()) {
                        statement.execute("CREATE DATABASE " + database);
                    }
                }
                return;
            } catch (SQLException e) {
                // Listening is not yet accepting logins while recovery finishes.
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot create databases on port " + port, e);
                }
                ManagedProcess.sleep(300);
            }
        }
    }

    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    /** The binaries, unpacked once from the Maven Central jar into .tools/. */
    static synchronized Path binaries() {
        Path home = Tools.require("postgres-" + Tools.version("postgres"));
        Path unpacked = home.resolve("dist");
        if (Files.isExecutable(unpacked.resolve("bin/postgres"))) {
            return unpacked;
        }
        Path jar = home.resolve("postgres-binaries.jar");
        Path log = home.resolve("unpack.log");
        try {
            Path staging = Files.createTempDirectory(home, "unpack");
            ManagedProcess.run("unzip postgres", List.of("unzip", "-o", "-q", jar.toString(), "postgres-linux-x86_64.txz",
                    "-d", staging.toString()), staging, log, Duration.ofSeconds(60));
            Path dist = staging.resolve("dist");
            Files.createDirectories(dist);
            ManagedProcess.run("untar postgres", List.of("tar", "-xJf", staging.resolve("postgres-linux-x86_64.txz").toString(),
                    "-C", dist.toString()), staging, log, Duration.ofSeconds(120));
            Files.move(dist, unpacked);
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "--reset-env", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void ownByServerUser(Path dir) {
        if (isRoot()) {
            ManagedProcess.run("chown", List.of("chown", "-R", "nobody:nogroup", dir.toString()), dir, dir.resolve("chown.log"),
                    Duration.ofSeconds(30));
        }
    }
}
