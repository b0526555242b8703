package io.zhengfeng.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operations the running processes declare in their OpenAPI documents ({@code /q/openapi}), and
 * request bodies made from their schemas: a plausible one, from which the hostile ones are derived.
 */
final class OpenApiOperations {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** One operation of one service's document; {@code doc} resolves its {@code $ref}s. */
    record Operation(String service, String method, String path, JsonNode op, JsonNode doc) {
        String key() {
            return method + " " + path;
        }

        /** The media type of the request body, if the operation takes one. */
        Optional<String> bodyType() {
            JsonNode content = op.path("requestBody").path("content");
            return content.isObject() && content.fieldNames().hasNext() ? Optional.of(content.fieldNames().next()) : Optional.empty();
        }

        boolean takesJson() {
            return bodyType().map(t -> t.contains("json")).orElse(false);
        }

        JsonNode bodySchema() {
            return resolve(op.path("requestBody").path("content").path(bodyType().orElse("")).path("schema"));
        }

        JsonNode resolve(JsonNode schema) {
            int hops = 0;
            while (schema.has("$ref") && hops++ < 20) {
                String ref = schema.get("$ref").asText(); // #/components/schemas/Name
                JsonNode target = doc;
                for (String part : ref.substring(2).split("/")) {
                    target = target.path(part);
                }
                schema = target;
            }
            if (schema.has("allOf") && schema.get("allOf").size() == 1) {
                return resolve(schema.get("allOf").get(0));
            }
            return schema;
        }

        /** A body that satisfies the schema as far as types, enums and lengths say. */
        JsonNode sampleBody() {
            return sample(bodySchema(), "", 0);
        }

        private JsonNode sample(JsonNode schema, String name, int depth) {
            schema = resolve(schema);
            if (schema.has("enum") && schema.get("enum").size() > 0) {
                return schema.get("enum").get(0);
            }
            String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
            switch (type) {
                case "object": {
                    ObjectNode o = F.objectNode();
                    if (depth < 4) {
                        schema.path("properties").fields().forEachRemaining(p -> o.set(p.getKey(), sample(p.getValue(), p.getKey(), depth + 1)));
                    }
                    return o;
                }
                case "array": {
                    ArrayNode a = F.arrayNode();
                    if (depth < 4) {
                        a.add(sample(schema.path("items"), name, depth + 1));
                    }
                    return a;
                }
                case "integer":
                case "number":
                    return F.numberNode(schema.has("minimum") ? schema.get("minimum").asLong() : 1);
                case "boolean":
                    return F.booleanNode(true);
                case "string":
                    return F.textNode(sampleText(schema, name));
                default:
                    return F.objectNode();
            }
        }
    }

    private static String sampleText(JsonNode schema, String name) {
        switch (schema.path("format").asText()) {
            case "date":
                return LocalDate.now().plusDays(30).toString();
            case "date-time":
                return LocalDate.now().plusDays(30) + "T10:00:00+08:00";
            case "uuid":
                return UUID.randomUUID().toString();
            case "email":
                return "nobody@example.org";
            default:
                break;
        }
        String lower = name.toLowerCase();
        if (lower.contains("department")) {
            return "planning"; // fixtures stay with their department whatever an allowed role does
        }
        if (lower.equals("category")) {
            return "urban_planning";
        }
        if (lower.equals("owner")) {
            return "head-planning";
        }
        if (lower.equals("url")) {
            return "https://example.org/hook";
        }
        String text = "安全测试";
        int min = schema.path("minLength").asInt(0);
        return text.length() >= min ? text : text.repeat(min / text.length() + 1);
    }

    /** Every operation of every document, keyed "METHOD /path"; a path served by two services is kept once. */
    static Map<String, Operation> fetch(Map<String, String> serviceUrls) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Operation> all = new TreeMap<>();
        for (Map.Entry<String, String> service : serviceUrls.entrySet()) {
            String body = http.send(HttpRequest.newBuilder(URI.create(service.getValue() + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode doc = JSON.readTree(body);
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (String method : METHODS) {
                    if (path.getValue().has(method)) {
                        Operation op = new Operation(service.getKey(), method.toUpperCase(), path.getKey(), path.getValue().get(method), doc);
                        all.putIfAbsent(op.key(), op);
                    }
                }
            }
        }
        return all;
    }

    static List<String> pathParameters(String path) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private OpenApiOperations() {
    }
}
