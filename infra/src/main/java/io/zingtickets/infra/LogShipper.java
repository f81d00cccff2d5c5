package io.zingtickets.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local log shipper: Telegraf (built into {@code .tools/bin} by {@code infra/scripts/install-telegraf.sh})
 * tailing the services' JSON log files into OpenSearch with {@code monitoring/logging/telegraf/telegraf.conf}, and
 * serving its own counters (lines dropped, lines waiting) to Prometheus at {@code /metrics} on its metrics port,
 * scrape job {@link #SCRAPE_JOB}, for the log-shipping alerts.
 */
public final class LogShipper {

    /** The job name the log-shipping alerts select (monitoring/rules/infrastructure/log-shipping.rules.yml). */
    public static final String SCRAPE_JOB = "log-shipper";

    private LogShipper() {
    }

    public static Path binary() {
        return Tools.directory().resolve("bin/telegraf");
    }

    /** What a Prometheus scrapes to see the shipper started on this metrics port. */
    public static PrometheusServer.ScrapeJob scrapeJob(int metricsPort) {
        return new PrometheusServer.ScrapeJob(SCRAPE_JOB, "/metrics", "127.0.0.1:" + metricsPort);
    }

    public static boolean installed() {
        return Files.isExecutable(binary());
    }

    /**
     * Returns once the metrics port answers, whether or not OpenSearch does yet: the shipper buffers what it reads
     * and connects on a later flush (startup_error_behavior = "retry" in telegraf.conf).
     *
     * @param logFiles a glob of the live log files, e.g. {@code /x/logs/*.json.log}
     */
    public static ManagedProcess start(String logFiles, String openSearchUrl, int metricsPort, Path workDir, Path log) {
        if (!installed()) {
            throw new IllegalStateException(binary() + " is missing: run infra/scripts/install-telegraf.sh (make tools-logging)");
        }
        Path config = Tools.repositoryRoot().resolve("monitoring/logging/telegraf/telegraf.conf");
        // The configuration's variables all stand inside strings, which strict handling (the default since 1.38)
        // substitutes; saying so spares the shipper's log a warning at every start.
        ManagedProcess process = ManagedProcess.start("log-shipper", List.of(binary().toString(), "--strict-env-handling",
                "--config", config.toString()),
                workDir, log, Map.of(
                        "ZINGTICKETS_LOG_FILES", logFiles,
                        "OPENSEARCH_URL", openSearchUrl,
                        "TELEGRAF_STATE", workDir.toAbsolutePath().resolve("telegraf-state.json").toString(),
                        "TELEGRAF_METRICS_ADDRESS", "127.0.0.1:" + metricsPort));
        process.awaitPort(metricsPort, Duration.ofSeconds(30));
        return process;
    }
}
