package io.zingtickets.system;

import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One working system (gateway at 20 ms, no injected failures) shared by the test classes that only need it to work:
 * started for the first of them, stopped when the whole test run ends (the root store closes what it holds). A
 * system takes half a minute to start on two cores and `make test` has a time budget; classes that tune the system
 * (rate limits, tracing, faults) start their own.
 *
 * <p>A class declares {@code @ExtendWith(SharedSystem.class)} and takes a {@link RunningSystem} parameter in its
 * {@code @BeforeAll}; it never closes it.
 */
final class SharedSystem implements ParameterResolver {

    static final Map<String, String> CONFIG = Map.of(
            "zingtickets.gateway.latency", "20ms",
            "zingtickets.gateway.latency-jitter", "0ms",
            "zingtickets.gateway.failure-rate", "0");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningSystem.class;
    }

    @Override
    public RunningSystem resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedSystem.class, key -> start(), RunningSystem.class);
    }

    private static RunningSystem start() {
        try {
            return new RunningSystem(CONFIG);
        } catch (Exception e) {
            throw new IllegalStateException("the shared system did not start", e);
        }
    }
}
