package io.zingtickets.infra.stack;

import java.nio.file.Path;

import io.zingtickets.infra.PidFile;
import io.zingtickets.infra.Tools;

/** Where the local stack keeps its state: {@code .run/} at the repository root (git-ignored). */
public record StackLayout(Path root) {

    public static StackLayout ofRepository() {
        return new StackLayout(Tools.repositoryRoot());
    }

    public Path run() {
        return root.resolve(".run");
    }

    public Path data(String component) {
        return run().resolve("data").resolve(component);
    }

    public Path log(String component) {
        return run().resolve("logs").resolve(component + ".log");
    }

    public PidFile pid(String component) {
        return new PidFile(run().resolve("pids").resolve(component + ".pid"));
    }
}
