package io.zingtickets.infra.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.PostgresServer;

/**
 * A real PostgreSQL 17 server for a test run, on a free port, in a temp folder removed on stop, with
 * the database named by the {@code database} init argument (default {@code test}). Provides
 * {@code quarkus.datasource.username} and {@code .password} ({@code zingtickets}),
 * {@code quarkus.datasource.reactive.url} ({@code postgresql://127.0.0.1:PORT/DB}) and
 * {@code quarkus.datasource.jdbc.url} ({@code jdbc:postgresql://127.0.0.1:PORT/DB}, for Flyway). A test that
 * takes the database away declares an {@link InjectPostgres} field of type {@link TestPostgres}.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "booking"))
 * }</pre>
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "test";
    private Path workDir;
    private TestPostgres server;

    @Override
    public void init(Map<String, String> args) {
        database = args.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        workDir = TempDirectories.create("postgres");
        server = new TestPostgres(FreePorts.next(), workDir, database);
        server.start();
        return Map.of(
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "quarkus.datasource.reactive.url", server.reactiveUrl(),
                "quarkus.datasource.jdbc.url", server.jdbcUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectPostgres.class, TestPostgres.class));
    }

    /** The scratch folder, removed by {@link #stop()}; for this module's own tests. */
    Path workDir() {
        return workDir;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.fastShutdown();
        }
        TempDirectories.delete(workDir);
    }
}
