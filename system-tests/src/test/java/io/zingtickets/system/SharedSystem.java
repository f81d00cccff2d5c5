package io.zingtickets.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link ObservedSystem} shared by the test classes that only need it to work and to be watched (journeys,
 * traces, logs, the pages `make run` prints): started for the first of them, stopped when the whole test run ends
 * (the root store closes what it holds). A system takes about a minute to start on two cores and `make test` has a
 * time budget; classes that need other settings or faults in their rules (MonitoringTest, GameDayTest) start their own.
 *
 * <p>A class declares {@code @ExtendWith(SharedSystem.class)} and takes an {@link ObservedSystem} or a
 * {@link RunningSystem} parameter in its {@code @BeforeAll}; it never closes it, and it leaves the gateway as it
 * found it.
 */
final class SharedSystem implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ObservedSystem.class || type == RunningSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ObservedSystem shared = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedSystem.class, key -> start(), ObservedSystem.class);
        return parameter.getParameter().getType() == RunningSystem.class ? shared.system : shared;
    }

    private static ObservedSystem start() {
        try {
            return new ObservedSystem();
        } catch (Exception e) {
            throw new IllegalStateException("the shared system did not start", e);
        }
    }
}
