package io.zingmonitor.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackendUnavailableTest {

    private final BackendUnavailable classifier = new BackendUnavailable(List.of("java.net.ConnectException",
            "io.vertx.sqlclient.ClosedConnectionException"));

    /** As Netty's AnnotatedConnectException, the way a refused database connection arrives. */
    static final class AnnotatedConnectException extends ConnectException {
        AnnotatedConnectException(String message) {
            super(message);
        }
    }

    @Test
    void aConfiguredTypeOrASubclassAnywhereInTheCauseChainIsAnOutage() {
        assertThat(classifier.causes(new ConnectException("refused"))).isTrue();
        assertThat(classifier.causes(new AnnotatedConnectException("refused"))).isTrue();
        assertThat(classifier.causes(new RuntimeException("query", new IOException("io", new ConnectException("x"))))).isTrue();
    }

    @Test
    void anythingElseIsABug() {
        assertThat(classifier.causes(new IllegalStateException("bug"))).isFalse();
        assertThat(classifier.causes(new RuntimeException(new IOException("disk")))).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException first = new RuntimeException("a");
        RuntimeException second = new RuntimeException("b", first);
        first.initCause(second);
        assertThat(classifier.causes(first)).isFalse();
    }
}
