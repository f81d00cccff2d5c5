package io.zingtickets.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.zingtickets.infra.AlertmanagerServer;
import io.zingtickets.infra.FreePorts;
import io.zingtickets.infra.PrometheusServer;
import io.zingtickets.infra.Tools;
import io.zingtickets.infra.alerts.AlertWebhookRecorder;

/**
 * What watches a {@link RunningSystem}: Prometheus scraping its three services (and any other job) with the given
 * rules, alerting through Alertmanager with the committed routing, whose on-call mail goes to the system's SMTP
 * server and whose chat messages go to a webhook recorder.
 */
final class AlertingStack implements AutoCloseable {

    final int webhookPort;
    /** Every notification the chat webhook received, a JSON line each. */
    final Path webhookRecord;
    final HttpServer webhook;
    final AlertmanagerServer alertmanager;
    final PrometheusServer prometheus;

    AlertingStack(RunningSystem system, Path dir, List<PrometheusServer.ScrapeJob> otherJobs, List<Path> ruleFiles)
            throws IOException {
        webhookPort = FreePorts.next();
        webhookRecord = dir.resolve("webhook.jsonl");
        webhook = AlertWebhookRecorder.start(webhookPort, webhookRecord);
        try {
            alertmanager = AlertmanagerServer.start(FreePorts.next(),
                    Tools.repositoryRoot().resolve("monitoring/alertmanager/alertmanager.yml"), system.smtp.smtpPort(),
                    webhookPort, dir.resolve("alertmanager"), dir.resolve("alertmanager.log"));
            Map<String, String> targets = new HashMap<>();
            RunningSystem.SERVICES.forEach(s -> targets.put(s, "127.0.0.1:" + system.managementPorts.get(s)));
            prometheus = PrometheusServer.start(FreePorts.next(), targets, otherJobs, ruleFiles, alertmanager.address(),
                    dir.resolve("prometheus"), dir.resolve("prometheus.log"));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    String webhookUrl() {
        return "http://127.0.0.1:" + webhookPort;
    }

    @Override
    public void close() {
        // Null-safe: the constructor calls it when a step of the start failed.
        if (prometheus != null) {
            prometheus.stop();
        }
        if (alertmanager != null) {
            alertmanager.stop();
        }
        webhook.stop(0);
    }
}
