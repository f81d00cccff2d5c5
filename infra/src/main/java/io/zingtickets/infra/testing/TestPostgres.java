package io.zingtickets.infra.testing;

import java.nio.file.Path;
import java.util.List;

import io.zingtickets.infra.PostgresServer;

/**
 * The test run's PostgreSQL, for a test of what a service does while its database is away. Every test of
 * the run shares it: a test that shuts it down starts it again in a {@code finally}, on the same port and
 * data folder, so what was committed before is still there.
 */
public final class TestPostgres {

    private final int port;
    private final Path workDir;
    private final String database;
    private PostgresServer server;
    private boolean refusingSessions;

    TestPostgres(int port, Path workDir, String database) {
        this.port = port;
        this.workDir = workDir;
        this.database = database;
    }

    /** Starts the server unless it runs and accepts sessions; returns once the database accepts logins. */
    public synchronized void start() {
        if (refusingSessions) {
            fastShutdown();
        }
        if (server == null) {
            server = PostgresServer.start(port, workDir, workDir.resolve("postgres.log"), List.of(database));
        }
    }

    /**
     * Starts the server, stopped before, up but refusing every session with SQLSTATE 57P03, as during its start-up or
     * recovery after a restart; {@link #start()} makes it an ordinary server again.
     */
    public synchronized void startRefusingSessions() {
        if (server == null) {
            server = PostgresServer.startRefusingSessions(port, workDir, workDir.resolve("postgres.log"));
            refusingSessions = true;
        }
    }

    /**
     * PostgreSQL's fast shutdown, as {@code pg_ctl stop -m fast} does: open sessions are cut (a query in
     * flight fails with SQLSTATE 57P01), nothing committed is lost, and new connections are refused.
     */
    public synchronized void fastShutdown() {
        if (server != null) {
            server.stop();
            server = null;
            refusingSessions = false;
        }
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }
}
