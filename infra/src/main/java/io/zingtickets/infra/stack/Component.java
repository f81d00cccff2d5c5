package io.zingtickets.infra.stack;

import java.util.List;

import io.zingtickets.infra.ManagedProcess;

/**
 * One process of the local stack. Adding a component (a tracing backend, a log store) is one class.
 */
public interface Component {

    String name();

    /** The port that says it is up when it accepts connections. */
    int port();

    /** Starts the process and returns once it is ready. */
    ManagedProcess start(StackLayout layout);

    /** What a user opens or points a client at, printed when the stack is up. */
    List<String> urls();

    /** Whether the stack can run this component here (its binary is installed). */
    default boolean available() {
        return true;
    }
}
