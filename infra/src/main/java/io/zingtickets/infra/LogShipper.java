package io.zingtickets.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The local log shipper: Telegraf (built into {@code .tools/bin} by {@code infra/scripts/install-telegraf.sh})
 * tailing the services' JSON log files into OpenSearch with {@code monitoring/logging/telegraf/telegraf.conf}.
 */
public final class LogShipper {

    private LogShipper() {
    }

    public static Path binary() {
        return Tools.directory().resolve("bin/telegraf");
    }

    public static boolean installed() {
        return Files.isExecutable(binary());
    }

    /** @param logFiles a glob of the live log files, e.g. {@code /x/logs/*.json.log} */
    public static ManagedProcess start(String logFiles, String openSearchUrl, Path workDir, Path log) {
        if (!installed()) {
            throw new IllegalStateException(binary() + " is missing: run infra/scripts/install-telegraf.sh (make tools-logging)");
        }
        Path config = Tools.repositoryRoot().resolve("monitoring/logging/telegraf/telegraf.conf");
        return ManagedProcess.start("log-shipper", List.of(binary().toString(), "--config", config.toString()),
                workDir, log, Map.of(
                        "ZINGTICKETS_LOG_FILES", logFiles,
                        "OPENSEARCH_URL", openSearchUrl,
                        "TELEGRAF_STATE", workDir.toAbsolutePath().resolve("telegraf-state.json").toString()));
    }
}
