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
 * A real PostgreSQL server from the binaries io.zonky publishes on Maven Central ({@link PostgresBinaries}).
 * PostgreSQL refuses to run as root, so when this JVM is root the server runs as an
 * {@link UnprivilegedUser} that owns its data directory. Stopped with SIGINT, PostgreSQL's fast
 * shutdown: SIGTERM would wait for every client (a service still running) to disconnect first.
 */
public final class PostgresServer {

    public static final String USER = "zingtickets";
    public static final String PASSWORD = "zingtickets";
    public static final List<String> DATABASES = List.of("booking", "payment", "email");

    private final int port;
    private final ManagedProcess process;
    /** Present while the server runs as a standby that refuses sessions; removed when it stops. */
    private final Path standbySignal;

    private PostgresServer(int port, ManagedProcess process, Path standbySignal) {
        this.port = port;
        this.process = process;
        this.standbySignal = standbySignal;
    }

    public static PostgresServer start(int port, Path workDir, Path log, List<String> databases) {
        Path binaries = PostgresBinaries.home();
        Path data = workDir.resolve("data");
        Path socketDir = workDir.resolve("socket");
        try {
            Files.createDirectories(socketDir);
            boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
            Path passwordFile = workDir.resolve("pwfile");
            if (fresh) {
                Files.createDirectories(data);
                Files.writeString(passwordFile, PASSWORD + "\n");
            }
            UnprivilegedUser.own(workDir);
            if (fresh) {
                ManagedProcess.run("initdb", UnprivilegedUser.wrap(List.of(binaries.resolve("bin/initdb").toString(), "-D",
                        data.toString(), "-U", USER, "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8",
                        "--locale=C", "--no-instructions")), workDir, log, Duration.ofSeconds(120));
                Files.deleteIfExists(passwordFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresServer server = new PostgresServer(port, launch(port, workDir, log, List.of()), null);
        server.process.completeStartup(() -> server.createDatabases(databases));
        return server;
    }

    /**
     * The server of an earlier {@link #start} on its port and data folder, as a standby with no primary to follow and
     * hot standby off: it listens and refuses every session with SQLSTATE 57P03 ("the database system is not accepting
     * connections"), as PostgreSQL does while it starts up or recovers, for as long as a test needs. After its
     * {@link #stop()}, {@link #start} is an ordinary start again.
     */
    public static PostgresServer startRefusingSessions(int port, Path workDir, Path log) {
        Path standbySignal = workDir.resolve("data/standby.signal");
        try {
            Files.writeString(standbySignal, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PostgresServer(port, launch(port, workDir, log, List.of("-c", "hot_standby=off")), standbySignal);
    }

    private static ManagedProcess launch(int port, Path workDir, Path log, List<String> settings) {
        List<String> command = new ArrayList<>(List.of(PostgresBinaries.home().resolve("bin/postgres").toString(),
                "-D", workDir.resolve("data").toString(), "-p", Integer.toString(port), "-h", "127.0.0.1",
                "-k", workDir.resolve("socket").toString(), "-c", "fsync=off", "-c", "max_connections=200",
                // A few, for tests that need a lock to outlive every session (a standby must allow as many as its primary).
                "-c", "max_prepared_transactions=4"));
        command.addAll(settings);
        ManagedProcess process = ManagedProcess.start("postgres", UnprivilegedUser.wrap(command), workDir, log, Map.of(),
                ManagedProcess.StopSignal.INT);
        process.awaitPort(port, Duration.ofSeconds(60));
        return process;
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
        if (standbySignal != null) {
            try {
                Files.deleteIfExists(standbySignal);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
