package io.zingmonitor.deployment.support;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;

/**
 * The files a test application's build writes beside the application ({@code target/zingmonitor/...}
 * in a service), captured from the build chain.
 */
public final class GeneratedFiles {

    /**
     * A system property, because the build runs in the test's class loader and the test method in the
     * application's.
     */
    private static final String NAMES = "zingmonitor-test.generated-files";

    private GeneratedFiles() {
    }

    /** For {@code QuarkusUnitTest.addBuildChainCustomizer}. */
    public static Consumer<BuildChainBuilder> capture() {
        return chain -> chain.addBuildStep(new BuildStep() {
            @Override
            public void execute(BuildContext context) {
                List<String> names = context.consumeMulti(GeneratedFileSystemResourceBuildItem.class).stream()
                        .map(GeneratedFileSystemResourceBuildItem::getName).sorted().toList();
                System.setProperty(NAMES, String.join(",", names));
                context.produce(new FeatureBuildItem("zingmonitor-test-generated-files"));
            }
        }).consumes(GeneratedFileSystemResourceBuildItem.class).produces(FeatureBuildItem.class).build();
    }

    /** The names (paths under the build's output directory) of the files the last build generated. */
    public static List<String> names() {
        String names = System.getProperty(NAMES, "");
        return names.isEmpty() ? List.of() : Arrays.asList(names.split(","));
    }
}
