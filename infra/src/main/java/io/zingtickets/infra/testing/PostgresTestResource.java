package io.zingtickets.infra.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.PostgresServer;

/**
 * A real PostgreSQL server for a test run, on a free port, with the database named by the
 * {@code database} init argument. Provides the datasource URLs and credentials (reactive for queries,
 * JDBC for Flyway migrations).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "test";
    private Path workDir;
    private PostgresServer server;

    @Override
    public void init(Map<String, String> args) {
        database = args.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        workDir = TempDirectories.create("postgres");
        server = PostgresServer.start(FreePorts.next(), workDir, workDir.resolve("postgres.log"), List.of(database));
        return Map.of(
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "quarkus.datasource.reactive.url", server.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        TempDirectories.delete(workDir);
    }
}
