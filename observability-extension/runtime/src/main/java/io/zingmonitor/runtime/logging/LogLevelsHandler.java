package io.zingmonitor.runtime.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.logmanager.LogContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.zingmonitor.ProblemDetail;
import io.zingmonitor.runtime.problem.ProblemResponses;
import io.zingmonitor.runtime.problem.ProblemTypes;

/**
 * Log levels per category, read and changed at run time on the management interface
 * ({@code /q/zingmonitor/log-levels}): {@code GET} lists the categories with a level of their own;
 * {@code PUT} or {@code POST} of {@code {"category": "io.example", "level": "DEBUG"}} sets one
 * ({@code "level": null} returns it to its parent's level). Every call needs an authenticated caller: the
 * extension guards the path with an HTTP permission (policy {@code authenticated}) when a Quarkus security
 * extension is present, and this handler refuses an anonymous call itself with a 401 problem when no
 * permission stands in front of it, so a service without security cannot be read or reconfigured by
 * anyone who reaches the port. Every change writes one audit line (the authenticated
 * caller and their address, which category, old and new level) to {@code io.zingmonitor.audit}. Bad
 * input is a problem+json 4xx naming the field; input is never echoed into a log line unvalidated.
 */
public class LogLevelsHandler implements Handler<RoutingContext> {

    static final Logger AUDIT = Logger.getLogger("io.zingmonitor.audit");
    static final String ROOT = "ROOT";
    /** Logger names: Java identifiers and dots, or ROOT. Nothing that could forge a log line. */
    static final Pattern CATEGORY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*(\\.[A-Za-z_$][A-Za-z0-9_$-]*)*");
    static final int MAX_CATEGORY_LENGTH = 200;
    static final int MAX_BODY_BYTES = 4096;
    static final List<String> LEVELS = List.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");

    /**
     * Created on the endpoint's first call, not when the route is recorded: the handler's class is loaded
     * during start-up, and a static mapper there loaded Jackson databind on every service's start path.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Override
    public void handle(RoutingContext context) {
        if (authenticatedCaller(context) == null) {
            problem(context, 401, null, "The log levels need an authenticated caller: configure a Quarkus security "
                    + "extension and credentials (see the ZingMonitor README, 'Admin surfaces').");
            return;
        }
        HttpMethod method = context.request().method();
        if (HttpMethod.GET.equals(method)) {
            respond(context, 200, "application/json", Map.of("levels", levels(), "minLevel", minLevel().getName()));
        } else if (HttpMethod.PUT.equals(method) || HttpMethod.POST.equals(method)) {
            readBody(context);
        } else {
            context.response().putHeader("Allow", "GET, PUT, POST");
            problem(context, 405, null, "Use GET to list the levels, PUT or POST to change one.");
        }
    }

    private void readBody(RoutingContext context) {
        if (declaredLength(context) > MAX_BODY_BYTES) {
            problem(context, 413, null, "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
            return;
        }
        if (context.body() != null && context.body().available()) { // a body handler already read it
            Buffer read = context.body().buffer();
            change(context, read == null ? Buffer.buffer() : read);
            return;
        }
        Buffer body = Buffer.buffer();
        context.request().handler(chunk -> {
            if (body.length() <= MAX_BODY_BYTES) {
                body.appendBuffer(chunk);
            }
        });
        context.request().endHandler(ignored -> {
            if (body.length() > MAX_BODY_BYTES) {
                problem(context, 413, null, "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
            } else {
                change(context, body);
            }
        });
        context.request().resume();
    }

    private static long declaredLength(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        try {
            return declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void change(RoutingContext context, Buffer body) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            problem(context, 400, "body", "The body is not valid JSON.");
            return;
        }
        if (request == null || !request.isObject()) {
            problem(context, 400, "body", "The body must be a JSON object with 'category' and 'level'.");
            return;
        }
        JsonNode categoryNode = request.get("category");
        if (categoryNode == null || !categoryNode.isTextual()) {
            problem(context, 400, "category", "'category' is required: a logger name such as io.quarkus, or ROOT.");
            return;
        }
        String category = categoryNode.asText();
        if (category.length() > MAX_CATEGORY_LENGTH || !(ROOT.equals(category) || CATEGORY.matcher(category).matches())) {
            problem(context, 400, "category", "'category' must be a logger name (letters, digits, '_', '$', '-' between dots) of at most "
                    + MAX_CATEGORY_LENGTH + " characters, or ROOT.");
            return;
        }
        if (!request.has("level")) {
            problem(context, 400, "level", "'level' is required: one of " + LEVELS + ", or null to inherit the parent's level.");
            return;
        }
        JsonNode levelNode = request.get("level");
        Level level = null;
        if (!levelNode.isNull()) {
            String name = levelNode.isTextual() ? levelNode.asText().toUpperCase(Locale.ROOT) : "";
            if (!LEVELS.contains(name)) {
                problem(context, 400, "level", "'level' must be one of " + LEVELS + ", or null to inherit the parent's level.");
                return;
            }
            level = org.jboss.logmanager.Level.parse(name);
            Level min = minLevel();
            if (level.intValue() < min.intValue() && !"ALL".equals(name)) {
                problem(context, 400, "level", "'level' " + name + " is below quarkus.log.min-level (" + min.getName()
                        + "), which is fixed at build time: such lines are not compiled in.");
                return;
            }
        }
        Set<String> unknown = new java.util.TreeSet<>();
        request.fieldNames().forEachRemaining(unknown::add);
        unknown.removeAll(Set.of("category", "level"));
        if (!unknown.isEmpty()) {
            problem(context, 400, unknown.iterator().next(), "Only 'category' and 'level' are accepted.");
            return;
        }
        java.util.logging.Logger logger = LogContext.getLogContext().getLogger(ROOT.equals(category) ? "" : category);
        String previous = name(logger.getLevel());
        logger.setLevel(level);
        audit(context, category, previous, name(level));
        Map<String, Object> entry = entry(category, logger);
        entry.put("previousLevel", previous);
        respond(context, 200, "application/json", entry);
    }

    private static void audit(RoutingContext context, String category, String previous, String current) {
        String actor = actor(context);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("zingmonitor.audit.action", "log-level-change");
        fields.put("zingmonitor.audit.actor", actor);
        fields.put("zingmonitor.audit.category", category);
        fields.put("zingmonitor.audit.old_level", previous);
        fields.put("zingmonitor.audit.new_level", current);
        fields.forEach(MDC::put);
        try {
            AUDIT.infof("log level of %s changed from %s to %s by %s", category, previous, current, actor);
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /** The authenticated caller and the address the change came from. */
    private static String actor(RoutingContext context) {
        var remote = context.request().remoteAddress();
        return authenticatedCaller(context) + "@" + (remote == null ? "unknown" : remote.hostAddress());
    }

    /**
     * The name Quarkus security authenticated for this request, or null for an anonymous one (no security
     * extension, no credentials, or a permission that let the request through without authenticating).
     */
    static String authenticatedCaller(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            return identity == null || identity.isAnonymous() ? null : identity.getPrincipal().getName();
        }
        return null;
    }

    static List<Map<String, Object>> levels() {
        LogContext logContext = LogContext.getLogContext();
        List<String> names = Collections.list(logContext.getLoggerNames());
        List<Map<String, Object>> levels = new ArrayList<>();
        levels.add(entry(ROOT, logContext.getLogger("")));
        names.stream().filter(name -> !name.isEmpty()).sorted().forEach(name -> {
            java.util.logging.Logger logger = logContext.getLoggerIfExists(name);
            if (logger != null && logger.getLevel() != null) {
                levels.add(entry(name, logger));
            }
        });
        return levels;
    }

    private static Map<String, Object> entry(String category, java.util.logging.Logger logger) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("category", category);
        entry.put("level", name(logger.getLevel()));
        entry.put("effectiveLevel", name(effective(logger)));
        return entry;
    }

    private static Level effective(java.util.logging.Logger logger) {
        for (java.util.logging.Logger l = logger; l != null; l = l.getParent()) {
            if (l.getLevel() != null) {
                return l.getLevel();
            }
        }
        return Level.INFO;
    }

    private static String name(Level level) {
        return level == null ? "INHERITED" : level.getName();
    }

    static Level minLevel() {
        String configured = ConfigProvider.getConfig().getOptionalValue("quarkus.log.min-level", String.class).orElse("DEBUG");
        try {
            return org.jboss.logmanager.Level.parse(configured.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return org.jboss.logmanager.Level.DEBUG;
        }
    }

    private static void problem(RoutingContext context, int status, String field, String detail) {
        ProblemDetail problem = new ProblemDetail(ProblemTypes.uri(ProblemTypes.prefix(), ProblemTypes.forStatus(status)), title(status), status, detail,
                context.request().path(), field, null, null);
        respond(context, status, ProblemResponses.MEDIA_TYPE, problem);
    }

    private static String title(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            default -> "Bad Request";
        };
    }

    private static void respond(RoutingContext context, int status, String type, Object body) {
        try {
            context.response().setStatusCode(status).putHeader("Content-Type", type).end(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
