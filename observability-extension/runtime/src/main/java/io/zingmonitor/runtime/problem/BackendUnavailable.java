package io.zingmonitor.runtime.problem;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Tells a backend outage from a bug: whether an exception, or one of its causes, is of a type configured in
 * {@code zingmonitor.problem.unavailable-exceptions} (or a subclass of one), or a database error whose SQLSTATE is
 * in {@code zingmonitor.problem.unavailable-sql-states}. Types are compared by name, so the list may name classes of
 * libraries a service does not have (a Vert.x SQL client without a database). A database that is shutting down or
 * starting up answers with an ordinary error (PostgreSQL's 57P01, 57P03), not a broken connection: only its SQLSTATE
 * says that nothing is wrong with the request, where a syntax error (42601) or a violated constraint (23505) is a bug.
 */
public final class BackendUnavailable {

    private static final boolean VERTX_SQL_CLIENT = present("io.vertx.sqlclient.DatabaseException");

    private final Set<String> types;
    private final Set<String> sqlStates;

    public BackendUnavailable(List<String> types, List<String> sqlStates) {
        this.types = Set.copyOf(types);
        this.sqlStates = Set.copyOf(sqlStates);
    }

    /**
     * The exception of the chain that tells the outage, or null when there is none: the rest is a bug. It goes to
     * the log, which it tells which backend and why.
     */
    public Throwable outage(Throwable exception) {
        // A bounded walk: a cause chain that loops back on itself ends the search.
        Throwable current = exception;
        for (int depth = 0; current != null && depth < 16; depth++) {
            for (Class<?> type = current.getClass(); type != null; type = type.getSuperclass()) {
                if (types.contains(type.getName())) {
                    return current;
                }
            }
            String sqlState = sqlState(current);
            if (sqlState != null && sqlStates.contains(sqlState)) {
                return current;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return null;
    }

    private static String sqlState(Throwable exception) {
        if (exception instanceof SQLException jdbc) {
            return jdbc.getSQLState();
        }
        return VERTX_SQL_CLIENT ? VertxSqlClient.sqlState(exception) : null;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, BackendUnavailable.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** Loaded only when the service has the Vert.x SQL client, an optional dependency of ZingMonitor. */
    private static final class VertxSqlClient {

        static String sqlState(Throwable exception) {
            return exception instanceof io.vertx.sqlclient.DatabaseException database ? database.getSqlState() : null;
        }
    }
}
