package io.zingtickets.infra.stack;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.zingtickets.infra.ManagedProcess;

/** A component defined by its name, ready port, URLs and how to start it. */
record SimpleComponent(String name, int port, List<String> urls, Function<StackLayout, ManagedProcess> starter,
        BooleanSupplier installed) implements Component {

    SimpleComponent(String name, int port, List<String> urls, Function<StackLayout, ManagedProcess> starter) {
        this(name, port, urls, starter, () -> true);
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        return starter.apply(layout);
    }

    @Override
    public boolean available() {
        return installed.getAsBoolean();
    }
}
