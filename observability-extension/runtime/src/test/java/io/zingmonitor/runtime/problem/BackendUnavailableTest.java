package io.zingmonitor.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackendUnavailableTest {

    private final BackendUnavailable classifier = new BackendUnavailable(List.of("java.net.ConnectException",
            "io.vertx.sqlclient.ClosedConnectionException"), List.of("08006", "57P01", "57P03"));

    /** As the reactive PostgreSQL client's PgException, which carries the server's SQLSTATE. */
    static final class DatabaseError extends io.vertx.sqlclient.DatabaseException {
        DatabaseError(String message, String sqlState) {
            super(message, 0, sqlState, null);
        }
    }

    /** As Netty's AnnotatedConnectException, the way a refused database connection arrives. */
    static final class AnnotatedConnectException extends ConnectException {
        AnnotatedConnectException(String message) {
            super(message);
        }
    }

    @Test
    void aConfiguredTypeOrASubclassAnywhereInTheCauseChainIsAnOutage() {
        assertThat(classifier.outage(new ConnectException("refused"))).isNotNull();
        assertThat(classifier.outage(new AnnotatedConnectException("refused"))).isNotNull();
        assertThat(classifier.outage(new RuntimeException("query", new IOException("io", new ConnectException("x"))))).isNotNull();
    }

    @Test
    void aDatabaseRefusingSessionsIsAnOutageWhicheverClientSaysSo() {
        assertThat(classifier.outage(new DatabaseError("FATAL: the database system is starting up", "57P03"))).isNotNull();
        DatabaseError cut = new DatabaseError("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(classifier.outage(new RuntimeException("booking", cut))).as("the cause the log names").isSameAs(cut);
        assertThat(classifier.outage(new SQLException("An I/O error occurred while sending to the backend", "08006"))).isNotNull();
    }

    @Test
    void anythingElseIsABug() {
        assertThat(classifier.outage(new IllegalStateException("bug"))).isNull();
        assertThat(classifier.outage(new RuntimeException(new IOException("disk")))).isNull();
        assertThat(classifier.outage(new DatabaseError("syntax error at or near \"SELEC\"", "42601"))).isNull();
        assertThat(classifier.outage(new DatabaseError("duplicate key value violates unique constraint", "23505"))).isNull();
        assertThat(classifier.outage(new SQLException("no state"))).isNull();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException first = new RuntimeException("a");
        RuntimeException second = new RuntimeException("b", first);
        first.initCause(second);
        assertThat(classifier.outage(first)).isNull();
    }
}
