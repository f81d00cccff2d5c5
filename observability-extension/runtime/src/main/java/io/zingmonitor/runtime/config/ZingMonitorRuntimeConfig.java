package io.zingmonitor.runtime.config;

import java.time.Duration;
import java.util.List;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ZingMonitor settings that can change per deployment without a rebuild. */
@ConfigMapping(prefix = "zingmonitor")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ZingMonitorRuntimeConfig {

    /** The per-request access log. */
    RequestLog requestLog();

    /** Client identification. */
    Client client();

    /** Meters. */
    Metrics metrics();

    /** Masking of sensitive values in log messages. */
    Redaction redaction();

    /** Per-client rate limiting of the public API. */
    RateLimit rateLimit();

    /** RFC 9457 problem documents. */
    Problem problem();

    interface Problem {
        /**
         * Prefix of every problem {@code type}: a slug such as {@code sold-out} is answered as the prefix
         * followed by the slug. A URN needs no web page behind it to stay stable; a product sets its
         * own, such as {@code urn:problem-type:acme:}.
         */
        @WithDefault("urn:problem-type:")
        String typePrefix();

        /**
         * Exceptions that mean a backend (database, broker, another service) cannot be reached rather than a bug:
         * an unhandled exception with one of these, or a subclass, anywhere in its cause chain is answered
         * {@code 503 service-unavailable} with {@code Retry-After} instead of {@code 500}, and logged as a warning
         * without a stack trace. A client may retry a 503; it must not retry a 500 blindly.
         */
        @WithDefault("java.net.ConnectException,java.net.SocketException,java.nio.channels.ClosedChannelException,"
                + "io.vertx.sqlclient.ClosedConnectionException")
        java.util.List<String> unavailableExceptions();

        /**
         * SQLSTATEs that mean the database cannot serve a session right now rather than that the statement is wrong:
         * a JDBC {@code SQLException} or a Vert.x SQL client {@code DatabaseException} with one of these, anywhere in
         * the cause chain, is answered as one of {@code unavailable-exceptions}: a 503 with {@code Retry-After}. The
         * defaults: the connection exceptions of class 08 (not 08P01, a protocol violation, which is a bug),
         * PostgreSQL's 57P01 (a session cut by a shutdown), 57P02 (by a crash), 57P03 (shutting down, starting up,
         * recovering) and 53300 (no connection slot left). Syntax errors, constraint violations and the like stay 500s.
         */
        @WithDefault("08000,08001,08003,08004,08006,57P01,57P02,57P03,53300")
        java.util.List<String> unavailableSqlStates();

        /** The {@code Retry-After} of a 503 answered because a backend cannot be reached. */
        @WithDefault("5s")
        java.time.Duration unavailableRetryAfter();
    }

    /** Whether there is an access log at all is fixed at build time ({@code zingmonitor.request-log.enabled}). */
    interface RequestLog {
        /**
         * How many successful, fast requests are logged each second before sampling starts (per
         * process). Errors (status 400 and above; refusals have a budget of their own) and slow
         * requests are always logged and do not use it. A quiet service thus logs every request; a busy one a bounded number of lines.
         */
        @WithDefault("10")
        int successLinesPerSecond();

        /**
         * Share (0 to 1) of the successful, fast requests beyond each second's
         * {@code success-lines-per-second} that are logged. Every request is counted and timed in the
         * HTTP metrics, so a sample is enough in production: writing a line for every request costs
         * more CPU than all the rest of ZingMonitor (see bench/RESULTS.md). Dev and test mode default
         * to 1, so a developer sees every request.
         */
        @WithDefault("0.01")
        double successSampleRate();

        /**
         * How many refusals are logged each second before sampling starts (per process): answers that
         * shed load on purpose, {@code 429 Too Many Requests} and {@code 503} with a {@code Retry-After}.
         * A flood of them is the moment a line per request costs most, and each is counted in the HTTP
         * metrics by status (and in the rate limiter's or the service's own meters) anyway. Other errors
         * are always logged.
         */
        @WithDefault("10")
        int refusalLinesPerSecond();

        /**
         * Share (0 to 1) of the refusals beyond each second's {@code refusal-lines-per-second} that are
         * logged. Dev and test mode default to 1.
         */
        @WithDefault("0.01")
        double refusalSampleRate();

        /** A request taking longer than this is slow: always logged, at WARN. */
        @WithDefault("1s")
        Duration slowThreshold();

    }

    /** How a calling client is identified in logs, metrics and rate limiting. */
    interface Client {
        /** Request header that identifies the client (an API key); else the remote address is used. */
        @WithDefault("X-API-Key")
        String header();

        /**
         * Salt of the client-id hash. Set the same value on every service so one client has one id
         * everywhere; keep it secret so hashed addresses cannot be reversed by enumeration.
         */
        @WithDefault("zingmonitor")
        String hashSalt();
    }

    interface Metrics {
        /**
         * The most distinct values one tag of one meter may take; further values are recorded
         * under {@code OTHER} and counted in {@code zingmonitor_cardinality_overflow_total}.
         */
        @WithDefault("100")
        int maxTagValues();

        /** How many distinct loggers the log-event counter tracks before counting under {@code other}. */
        @WithDefault("200")
        int maxLoggers();

        /**
         * Whether library meters (Kafka clients, Netty, SQL client) are renamed to Prometheus's naming
         * conventions (units spelled out, no {@code _count} on gauges, snake_case labels, a help text), so
         * {@code promtool check metrics} passes. Off keeps the libraries' own names.
         */
        @WithDefault("true")
        boolean prometheusNaming();
    }

    /** Whether there is redaction at all is fixed at build time ({@code zingmonitor.redaction.enabled}). */
    interface Redaction {
        /** Whether every log record's message is scanned for card numbers, emails and bearer tokens. */
        @WithDefault("true")
        boolean logMessages();

        /** Whether email addresses in messages are masked (keeping the first letter and the domain). */
        @WithDefault("true")
        boolean maskEmails();
    }

    /** Whether there is a rate limit at all is fixed at build time ({@code zingmonitor.rate-limit.enabled}). */
    interface RateLimit {
        /** Sustained requests per second one client may send. */
        @WithDefault("50")
        double requestsPerSecond();

        /** Requests one client may send at once above the sustained rate. */
        @WithDefault("100")
        int burst();

        /** Path prefixes never limited: framework endpoints on the main port, internal admin endpoints. */
        @WithDefault("/q/")
        List<String> excludedPaths();

        /** How many of the most-rejected clients are exposed for the abuse dashboard. */
        @WithDefault("10")
        int topOffenders();

        /** How many clients are tracked at once; the least recently seen are forgotten beyond it. */
        @WithDefault("10000")
        int maxTrackedClients();
    }
}
