package io.zingmonitor.deployment.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds to the OpenAPI document the answers ZingMonitor itself gives, so that a contract check against
 * {@code /q/openapi} finds them documented: {@code 429} (with {@code Retry-After}) on every operation the
 * per-client rate limit applies to, and {@code 413} and {@code 415} on every operation that takes a request
 * body (the body-size limit and the media-type check answer before the resource method). All carry the
 * problem schema. A response the service documents itself is left as it is, but for one thing: when
 * ZingMonitor answers the REST layer's errors as problem+json, an error response (4xx, 5xx) documented
 * without content gets the problem schema, so a resource names its own answers ({@code 404 No such
 * event}) without repeating the schema on each.
 */
final class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM_JSON = "application/problem+json";
    /** The schema name Quarkus gives {@code ProblemDetail} when a service refers to it; reused if present. */
    static final String PROBLEM_SCHEMA = "ProblemDetail";

    private final boolean rateLimited;
    private final List<String> rateLimitExcludedPaths;
    private final boolean problemDetails;

    /**
     * @param rateLimited whether the rate limit is on in the build's configuration
     * @param rateLimitExcludedPaths path prefixes the rate limit skips
     * @param problemDetails whether the REST layer's errors are answered as problem+json
     */
    ProblemResponsesFilter(boolean rateLimited, List<String> rateLimitExcludedPaths, boolean problemDetails) {
        this.rateLimited = rateLimited;
        this.rateLimitExcludedPaths = List.copyOf(rateLimitExcludedPaths);
        this.problemDetails = problemDetails;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean added = false;
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean limited = rateLimited && rateLimitExcludedPaths.stream().noneMatch(path.getKey()::startsWith);
            for (Operation operation : path.getValue().getOperations().values()) {
                if (limited) {
                    added |= add(operation, "429", "Too many requests from this client; retry after Retry-After seconds",
                            true);
                }
                if (operation.getRequestBody() != null) {
                    added |= add(operation, "413", "The request body is larger than the service accepts", false);
                    added |= add(operation, "415", "The request body is not of a media type this operation accepts",
                            false);
                }
                if (problemDetails) {
                    added |= problemContentOnErrors(operation);
                }
            }
        }
        if (added) {
            ensureProblemSchema(openAPI);
        }
    }

    /** Error responses documented without content are answered as problem+json: say so. */
    private static boolean problemContentOnErrors(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return false;
        }
        boolean added = false;
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
            APIResponse answer = response.getValue();
            if (error && answer.getRef() == null
                    && (answer.getContent() == null || answer.getContent().getMediaTypes() == null
                            || answer.getContent().getMediaTypes().isEmpty())) {
                answer.setContent(problemContent());
                added = true;
            }
        }
        return added;
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }

    private static boolean add(Operation operation, String status, String description, boolean retryAfter) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (responses.hasAPIResponse(status)) {
            return false;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description).content(problemContent());
        if (retryAfter) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds until this client may send again")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE))
                    .style(Header.Style.SIMPLE));
        }
        responses.addAPIResponse(status, response);
        return true;
    }

    /** The RFC 9457 problem document as ZingMonitor writes it, unless the service's document has it already. */
    private static void ensureProblemSchema(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (components.getSchemas() != null && components.getSchemas().containsKey(PROBLEM_SCHEMA)) {
            return;
        }
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string).addProperty("detail", string);
        components.addSchema(PROBLEM_SCHEMA, OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem: a stable type, a title, the offending field, the trace id to quote")
                .addProperty("type", string).addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string).addProperty("instance", string).addProperty("field", string)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .addProperty("traceId", string)
                .required(List.of("type", "title", "status")));
    }
}
