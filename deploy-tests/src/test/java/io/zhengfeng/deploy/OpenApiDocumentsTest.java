package io.zhengfeng.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zhengfeng.gateway.openapi.OpenApiMerger;
import io.zhengfeng.gateway.openapi.OpenApiMerger.ServiceDocument;

/**
 * Every service's OpenAPI document, as its build writes it (target/openapi/openapi.json), states its
 * limits and who may call what (issue 11): the properties lint/openapi/lint.sh checks with Spectral
 * and Redocly, enforced here where node is absent. Also writes the gateway's merged suite document
 * (target/openapi/suite-openapi.json) for lint.sh.
 */
class OpenApiDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyStringIntegerAndArrayStatesItsLimit() {
        List<String> unlimited = new ArrayList<>();
        documents().forEach((service, doc) -> walk(doc, "", (where, node) -> {
            if (type(node, "string") && !node.has("maxLength") && !node.has("enum") && !node.has("const")) {
                unlimited.add(service + " " + where + " (string without maxLength)");
            }
            if (type(node, "integer") && (!node.has("minimum") || !node.has("maximum"))) {
                unlimited.add(service + " " + where + " (integer without minimum and maximum)");
            }
            if (type(node, "array") && !node.has("maxItems")) {
                unlimited.add(service + " " + where + " (array without maxItems)");
            }
        }));
        assertEquals(List.of(), unlimited);
    }

    @Test
    void everyOperationDeclaresWhoMayCallItAndTheProblemsItAnswers() {
        List<String> missing = new ArrayList<>();
        documents().forEach((service, doc) -> operations(doc, (name, op) -> {
            JsonNode security = op.path("security");
            if (!security.isArray() || security.isEmpty()) {
                missing.add(service + " " + name + ": no security requirement");
            }
            JsonNode responses = op.path("responses");
            if (!responses.path("429").path("headers").has("Retry-After")) {
                missing.add(service + " " + name + ": no 429 with Retry-After");
            }
            for (String status : List.of("401", "500")) {
                if (!responses.path(status).path("content").has("application/problem+json")) {
                    missing.add(service + " " + name + ": no " + status + " problem+json");
                }
            }
            boolean secured = false;
            for (JsonNode requirement : security) {
                secured |= requirement.size() > 0;
            }
            if (!secured) {
                missing.add(service + " " + name + ": the bearer scheme is not even optional");
            }
        }));
        assertEquals(List.of(), missing);
    }

    @Test
    void everyDocumentNamesOneRelativeServerAndAJwtSchemeFollowingRfc8725() {
        documents().forEach((service, doc) -> {
            assertEquals("/", doc.path("servers").path(0).path("url").asText(), service);
            assertEquals(1, doc.path("servers").size(), service);
            JsonNode scheme = doc.path("components").path("securitySchemes").path("SecurityScheme");
            assertEquals("JWT", scheme.path("bearerFormat").asText(), service);
            assertTrue(scheme.path("description").asText().contains("RFC8725"), service);
        });
    }

    @Test
    void theGatewaysMergedDocumentHoldsEveryRoutedOperationOfEveryService() throws IOException {
        Map<String, JsonNode> docs = documents();
        TreeMap<String, ServiceDocument> services = new TreeMap<>();
        int expected = count((ObjectNode) docs.get("gateway"), List.of("/"));
        for (Map.Entry<String, List<String>> route : routes().entrySet()) {
            JsonNode doc = docs.get(route.getKey());
            services.put(route.getKey(), new ServiceDocument(route.getKey(), route.getValue(), doc));
            expected += count((ObjectNode) doc, route.getValue());
        }
        ObjectNode suite = OpenApiMerger.merge((ObjectNode) docs.get("gateway"), services);
        Path out = Path.of("target", "openapi", "suite-openapi.json");
        Files.createDirectories(out.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), suite);

        assertEquals(expected, count(suite, List.of("/")), "operations in the suite document");
        assertEquals("/", suite.path("servers").path(0).path("url").asText());
        assertTrue(!suite.has("x-zhengfeng-unavailable"), "every service's document was merged");
        System.out.printf("suite document: %d operations, written to %s%n", expected, out.toAbsolutePath());
    }

    /** Service folder → its document as the build wrote it. */
    static Map<String, JsonNode> documents() {
        Map<String, JsonNode> docs = new TreeMap<>();
        for (String service : Repo.SERVICES.keySet()) {
            Path file = Repo.path(service + "/target/openapi/openapi.json");
            assertTrue(Files.isRegularFile(file), file + " is missing: the service's build writes it"
                    + " (quarkus.smallrye-openapi.store-schema-directory); run ./mvnw verify, not -pl deploy-tests alone");
            try {
                docs.put(service, JSON.readTree(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return docs;
    }

    /** The gateway's route table: service → path prefixes (zhengfeng.gateway.routes.*.prefixes). */
    private static Map<String, List<String>> routes() throws IOException {
        Properties config = new Properties();
        config.load(new StringReader(Repo.read("gateway/src/main/resources/application.properties")));
        Map<String, List<String>> routes = new TreeMap<>();
        config.stringPropertyNames().stream().filter(k -> k.matches("zhengfeng\\.gateway\\.routes\\.[^.]+\\.prefixes"))
                .forEach(k -> routes.put(k.split("\\.")[3], Arrays.asList(config.getProperty(k).split(","))));
        assertEquals(4, routes.size(), "routes in the gateway's configuration: " + routes);
        return routes;
    }

    private static int count(ObjectNode doc, List<String> prefixes) {
        int[] n = {0};
        operations(doc, (name, op) -> {
            String path = name.substring(name.indexOf(' ') + 1);
            if (prefixes.stream().anyMatch(p -> p.equals("/") || path.equals(p) || path.startsWith(p + "/"))) {
                n[0]++;
            }
        });
        return n[0];
    }

    private static void operations(JsonNode doc, BiConsumer<String, JsonNode> action) {
        doc.path("paths").fields().forEachRemaining(path -> METHODS.forEach(method -> {
            JsonNode op = path.getValue().get(method);
            if (op != null) {
                action.accept(method.toUpperCase() + " " + path.getKey(), op);
            }
        }));
    }

    private static boolean type(JsonNode node, String type) {
        JsonNode t = node.get("type");
        if (t == null) {
            return false;
        }
        if (t.isTextual()) {
            return t.asText().equals(type);
        }
        if (!t.isArray()) {
            return false; // a property named "type" inside "properties"
        }
        for (JsonNode each : t) {
            if (each.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** Every object in the document, with its JSON pointer; "properties"' keys are names, not schemas. */
    private static void walk(JsonNode node, String where, BiConsumer<String, JsonNode> action) {
        if (node.isObject()) {
            action.accept(where, node);
            node.fields().forEachRemaining(f -> walk(f.getValue(), where + "/" + f.getKey(), action));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "/" + i, action);
            }
        }
    }
}
