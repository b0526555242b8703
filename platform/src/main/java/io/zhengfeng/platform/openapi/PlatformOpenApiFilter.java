package io.zhengfeng.platform.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.servers.Server;

import io.zhengfeng.platform.problem.Problem;

/**
 * Makes every service's OpenAPI document state what the platform does for every operation (issue
 * 11, OWASP API4/API8): who may call it (bearer JWT, or public with an optional token), the
 * problem+json answers the platform gives (400, 401, 403, 429 with Retry-After, 500), the
 * gateway's quota headers on every 2xx and 4xx answer, one relative
 * server, and a limit on every string, integer and array ({@link SchemaLimits}). Registered for every
 * service by {@code mp.openapi.filter} in the platform's configuration; runs at build time.
 */
public class PlatformOpenApiFilter implements OASFilter {
    static final String BEARER = "SecurityScheme"; // the name SmallRye gives the JWT scheme
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String RATE_LIMIT = "RateLimit";
    private static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.setServers(List.of(server()));
        bearerScheme(api);
        api.getComponents().addSchema("Problem", problemSchema());
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (PathItem item : api.getPaths().getPathItems().values()) {
                item.getOperations().values().forEach(this::operation);
            }
        }
        new SchemaLimits(SchemaLimits.Caps.fromConfig()).apply(api);
    }

    private static Server server() {
        Server server = OASFactory.createServer().url("/")
                .description("The gateway's address in each environment (local, staging, production): every path is"
                        + " called through the gateway, which routes it to its service");
        server.addExtension("x-internal", false);
        return server;
    }

    private static void bearerScheme(OpenAPI api) {
        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        SecurityScheme scheme = schemes == null ? null : schemes.get(BEARER);
        if (scheme == null) {
            scheme = OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT");
            api.getComponents().addSecurityScheme(BEARER, scheme);
        }
        scheme.setDescription("A JWT issued by the gateway (POST /api/auth/token) or by the configured identity"
                + " provider, sent as `Authorization: Bearer`. Verified as RFC8725 advises: RS256 only (never"
                + " `none`), issuer and audience checked, expiry enforced, revoked tokens refused.");
    }

    private void operation(Operation op) {
        if (op.getSecurity() == null) {
            // Public: anyone may call it; a token, when sent, is verified (and may widen what is seen).
            op.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement(),
                    OASFactory.createSecurityRequirement().addScheme(BEARER))));
        }
        boolean roles = op.getSecurity().stream().map(SecurityRequirement::getSchemes)
                .anyMatch(s -> s != null && s.values().stream().anyMatch(scopes -> scopes != null && !scopes.isEmpty()));
        APIResponses responses = op.getResponses();
        if (responses == null) {
            op.setResponses(responses = OASFactory.createAPIResponses());
        }
        boolean input = (op.getParameters() != null && !op.getParameters().isEmpty()) || op.getRequestBody() != null;
        if (input) {
            problem(responses, "400", "Bad request: the problem names each offending field");
        }
        problem(responses, "401", "Missing, invalid, expired or revoked token");
        if (roles) {
            problem(responses, "403", "The token's roles or department do not allow this");
        }
        problem(responses, "429", "Too many requests; retry after the number of seconds in Retry-After")
                .addHeader("Retry-After", retryAfter());
        problem(responses, "500", "Unexpected failure; the problem carries the request id to report");
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            APIResponse response = entry.getValue();
            if (entry.getKey().startsWith("2") || entry.getKey().startsWith("4")) {
                response.addHeader(RATE_LIMIT, rateLimit()).addHeader(RATE_LIMIT_POLICY, rateLimitPolicy());
            }
            if (response.getHeaders() != null && !response.getHeaders().containsKey(ALLOW_ORIGIN)) {
                response.addHeader(ALLOW_ORIGIN, allowOrigin());
            }
        }
    }

    /** Adds the problem+json answer, or gives an existing one without a body the problem schema. */
    private static APIResponse problem(APIResponses responses, String status, String description) {
        APIResponse response = responses.getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(status, response);
        }
        if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
        }
        return response;
    }

    /** The gateway's CORS filter answers every response, errors included (quarkus.http.cors.origins). */
    private static Header allowOrigin() {
        return OASFactory.createHeader().required(false)
                .description("The caller's Origin, when it is one the gateway allows (ZF_CORS_ORIGINS)")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).format("uri").maxLength(2048));
    }

    /** The gateway's per-client quota (gateway ratelimit/ClientQuota), on every answer that passed through it. */
    private static Header rateLimit() {
        return OASFactory.createHeader().required(false)
                .description("What is left of the caller's request quota, as draft-ietf-httpapi-ratelimit-headers"
                        + " writes it: `\"client\";r=<remaining>;t=<seconds until it is full again>`. Set by the gateway"
                        + " for every call through it (per bearer token, or per address without one)")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(100)
                        .example("\"client\";r=1187;t=42"));
    }

    private static Header rateLimitPolicy() {
        return OASFactory.createHeader().required(false)
                .description("The quota itself: `\"client\";q=<requests>;w=<window in seconds>` (ZF_CLIENT_QUOTA,"
                        + " ZF_CLIENT_QUOTA_PERIOD). Set by the gateway")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(100)
                        .example("\"client\";q=1200;w=60"));
    }

    private static Header retryAfter() {
        return OASFactory.createHeader().required(true).description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64")
                        .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(86_400)));
    }

    /** RFC 9457 problem details as platform {@code problem/} writes them. */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(SchemaType.STRING).maxLength(SchemaLimits.PROBLEM_TEXT);
        Schema fieldError = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text);
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details; `type` is stable per kind of error, `errors` names each field")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri").maxLength(200))
                .addProperty("title", text).addProperty("detail", text).addProperty("instance", text)
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("requestId", OASFactory.createSchema().addType(SchemaType.STRING).maxLength(200))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).maxItems(1000).items(fieldError));
    }
}
