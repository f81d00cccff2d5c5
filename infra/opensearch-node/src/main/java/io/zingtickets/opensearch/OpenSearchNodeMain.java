package io.zingtickets.opensearch;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One real OpenSearch node in this JVM, for the local log pipeline and its tests.
 * Arguments: {@code <http port> <home folder> [cluster name]}. Runs until the process is stopped.
 * The runner's defaults are adjusted for a log pipeline: the node also ingests (the
 * zingtickets-logs pipeline parses every line), and a nearly full laptop disk does not make
 * OpenSearch refuse writes.
 */
public final class OpenSearchNodeMain {

    private OpenSearchNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OpenSearchNodeMain <http port> <home folder> [cluster name]");
            System.exit(2);
        }
        int httpPort = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        String cluster = args.length > 2 ? args[2] : "zingtickets";
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(httpPort); // the runner searches base+1..max for a free port: exactly this one
        runner.onBuild((number, settings) -> {
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            settings.put("http.host", "127.0.0.1");
            settings.put("transport.host", "127.0.0.1");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            settings.put("action.auto_create_index", "-zingtickets-logs,+*");
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("closing OpenSearch: " + e);
            }
            stopped.countDown();
        }, "opensearch-shutdown"));
        // The runner gives node n the HTTP port base + n; one node, so base + 1 is the port asked for.
        runner.build(OpenSearchRunner.newConfigs().basePath(home.toString()).numOfNode(1).baseHttpPort(httpPort - 1)
                .clusterName(cluster).printOnFailure());
        runner.ensureYellow();
        System.out.println("OpenSearch started: http://127.0.0.1:" + httpPort);
        stopped.await();
    }
}
