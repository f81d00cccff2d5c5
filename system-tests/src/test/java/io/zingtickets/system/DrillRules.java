package io.zingtickets.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zingmonitor.deployment.alerts.AlertRuleGenerator;
import io.zingmonitor.runtime.config.ZingMonitorBuildTimeConfig;
import io.zingmonitor.runtime.plan.TelemetryPlan;
import io.zingtickets.infra.Tools;

/**
 * The services' alert rules for a drill: ZingMonitor's own generator run, as each service's build runs it, on the
 * service's telemetry plan (which the build writes to {@code target/zingmonitor/plan.json}) and its
 * {@code application.properties} in the prod profile, with other {@code zingmonitor.alerts.*} values on top. The
 * suites that need alerts to fire and resolve within minutes compress time this way instead of editing the committed
 * rules; with no other values the result is the committed rules, byte for byte ({@link DrillRulesTest}).
 */
final class DrillRules {

    /**
     * Time compressed fifteen-fold (5-minute windows become 20 s, an hour 4 minutes, every wait in proportion), and
     * ServiceDown after 10 s: its absent(up) holds from Prometheus's first rule evaluation until its first scrape
     * of a service, and on a busy machine a scrape times out after one (1 s) interval, so a wait of a few seconds
     * would page on-call for a healthy service; ten missed scrapes still find a kill well within the tests' waits.
     */
    static final Map<String, String> COMPRESSED = Map.of(
            "zingmonitor.alerts.time-scale", "0.0666667",
            "zingmonitor.alerts.service-down-for", "10s");

    private static final ObjectMapper JSON = new ObjectMapper();

    private DrillRules() {
    }

    /** One rule file per service in {@code target}, named as the committed ones in {@code monitoring/rules}. */
    static List<Path> write(Map<String, String> settings, Path target) throws IOException {
        Files.createDirectories(target);
        List<Path> written = new ArrayList<>();
        for (String service : RunningSystem.SERVICES) {
            written.add(Files.write(target.resolve(service + ".rules.yml"), generate(service, settings)));
        }
        return written;
    }

    static byte[] generate(String service, Map<String, String> settings) throws IOException {
        Path module = Tools.repositoryRoot().resolve("services").resolve(service);
        Path plan = module.resolve("target/zingmonitor/plan.json");
        if (!Files.isRegularFile(plan)) {
            throw new IllegalStateException(plan + " is missing: build the service first (make build)");
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(module.resolve("src/main/resources/application.properties").toUri().toURL(), 250))
                .withSources(new PropertiesConfigSource(settings, "drill", 400))
                .withMapping(ZingMonitorBuildTimeConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                // The file holds the run-time settings too; only the build-time mapping is read here.
                .withValidateUnknown(false)
                .build();
        return new AlertRuleGenerator(JSON.readValue(plan.toFile(), TelemetryPlan.class),
                config.getConfigMapping(ZingMonitorBuildTimeConfig.class)).ruleFile();
    }
}
