package io.zingtickets.infra.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.zingtickets.infra.ManagedProcess;
import io.zingtickets.infra.traffic.TrafficGenerator;

/**
 * The whole system on one machine, without containers.
 * <ul>
 * <li>{@code up}: Kafka, PostgreSQL and SMTP, detached (they outlive this command); idempotent.</li>
 * <li>{@code down}: stops what {@code up} or {@code run} left running; idempotent.</li>
 * <li>{@code status}: what is running.</li>
 * <li>{@code run}: everything (infrastructure, Prometheus, Alertmanager, Jaeger, the three services, a
 * traffic generator) in the foreground; Ctrl-C stops what it started.</li>
 * </ul>
 */
public final class LocalStack {

    private final StackLayout layout;

    LocalStack(StackLayout layout) {
        this.layout = layout;
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "status" : args[0];
        LocalStack stack = new LocalStack(StackLayout.ofRepository());
        switch (command) {
            case "up" -> stack.up(InfrastructureComponents.development());
            case "down" -> stack.down();
            case "status" -> stack.status();
            case "run" -> stack.run();
            default -> {
                System.err.println("usage: LocalStack up|down|status|run");
                System.exit(2);
            }
        }
    }

    /** Starts the components that are not running yet; returns those it started. */
    List<Component> up(List<Component> components) {
        List<Component> started = new ArrayList<>();
        for (Component component : components) {
            if (!component.available()) {
                System.out.printf("  %-16s not installed here, skipped%n", component.name());
                continue;
            }
            if (layout.pid(component.name()).isRunning() || ManagedProcess.isListening(component.port())) {
                System.out.printf("  %-16s already running%n", component.name());
                continue;
            }
            System.out.printf("  %-16s starting (log: %s)%n", component.name(), layout.root().relativize(layout.log(component.name())));
            ManagedProcess process = component.start(layout);
            layout.pid(component.name()).write(process);
            started.add(component);
        }
        printUrls(components);
        return started;
    }

    void down() {
        List<Component> all = new ArrayList<>(everything());
        java.util.Collections.reverse(all);
        for (Component component : all) {
            if (layout.pid(component.name()).stop(Duration.ofSeconds(20))) {
                System.out.printf("  %-16s stopped%n", component.name());
            }
        }
    }

    void status() {
        for (Component component : everything()) {
            boolean running = layout.pid(component.name()).isRunning();
            System.out.printf("  %-16s %s%n", component.name(), running ? "running on port " + component.port()
                    : ManagedProcess.isListening(component.port()) ? "port " + component.port() + " in use by another process"
                            : "stopped");
        }
    }

    void run() throws InterruptedException {
        List<Component> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        TrafficGenerator traffic = new TrafficGenerator("http://localhost:8081", Double.parseDouble(
                System.getProperty("zingtickets.traffic.rate", "2")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping what `make run` started...");
            traffic.stop();
            List<Component> reverse = new ArrayList<>(started);
            java.util.Collections.reverse(reverse);
            for (Component component : reverse) {
                layout.pid(component.name()).stop(Duration.ofSeconds(20));
                System.out.printf("  %-16s stopped%n", component.name());
            }
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            System.out.println("Starting the infrastructure...");
            started.addAll(up(InfrastructureComponents.core()));
            started.addAll(up(InfrastructureComponents.observability()));
            System.out.println("Starting the services...");
            started.addAll(up(new ArrayList<>(ServiceComponent.all())));
        } catch (RuntimeException e) {
            System.err.println("Start-up failed: " + e.getMessage());
            System.exit(1);
        }
        System.out.println();
        System.out.println("ZingTickets is up. Booking traffic is being generated; Ctrl-C stops everything started here.");
        printUrls(everything());
        traffic.start();
        stopped.await();
    }

    private static List<Component> everything() {
        List<Component> all = new ArrayList<>(InfrastructureComponents.core());
        all.addAll(InfrastructureComponents.observability());
        all.addAll(ServiceComponent.all());
        return all;
    }

    private static void printUrls(List<Component> components) {
        urlLines(components).forEach(line -> System.out.println("    " + line));
    }

    /** The lines `make run` prints once everything is up: what a user opens (the browser test opens every URL in them). */
    public static List<String> printedUrls() {
        return urlLines(everything());
    }

    private static List<String> urlLines(List<Component> components) {
        return components.stream().filter(Component::available).flatMap(c -> c.urls().stream()).toList();
    }
}
