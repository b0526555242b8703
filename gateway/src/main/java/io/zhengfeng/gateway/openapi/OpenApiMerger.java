package io.zhengfeng.gateway.openapi;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Merges the services' OpenAPI 3 documents into the gateway's: one document for everything a
 * front end can call through the gateway. A service contributes only the paths the gateway routes
 * to it. Components are pooled; when two services use one name for different schemas, the later
 * one's is renamed {@code <Service>_<Name>} and its {@code $ref}s follow, so nothing is lost.
 * Pure JSON work: no I/O, no framework.
 */
public final class OpenApiMerger {
    private static final String COMPONENTS_REF = "#/components/";

    /** A service's document (null when it could not be fetched) and the prefixes routed to it. */
    public record ServiceDocument(String service, List<String> prefixes, JsonNode document) {
    }

    public static ObjectNode merge(ObjectNode gateway, SortedMap<String, ServiceDocument> services) {
        ObjectNode suite = gateway.deepCopy();
        // servers: the gateway's own, which the platform's filter makes relative to where the document
        // is served (the gateway); the services' are dropped with the rest of their top level
        ObjectNode info = suite.with("info");
        info.put("title", "Zhengfeng suite API");
        info.put("description", "Everything the Zhengfeng services offer through the gateway: "
                + String.join(", ", services.keySet()) + ", and the gateway's own login and accounts.");
        ObjectNode paths = suite.with("paths");
        ObjectNode components = suite.with("components");
        ArrayNode unavailable = suite.arrayNode();
        for (ServiceDocument service : services.values()) {
            if (service.document() == null || !service.document().isObject()) {
                unavailable.add(service.service());
                continue;
            }
            ObjectNode doc = (ObjectNode) service.document().deepCopy();
            Map<String, String> renamed = mergeComponents(components, doc, service.service());
            rewriteRefs(doc, renamed);
            mergePaths(paths, doc, service.prefixes());
            mergeTags(suite, doc);
        }
        if (!unavailable.isEmpty()) {
            suite.set("x-zhengfeng-unavailable", unavailable);
        }
        return suite;
    }

    /** @return old ref → new ref for each component renamed to avoid a clash */
    private static Map<String, String> mergeComponents(ObjectNode target, ObjectNode doc, String service) {
        Map<String, String> renamed = new HashMap<>();
        JsonNode sections = doc.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> it = sections.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            if (!section.getValue().isObject()) {
                continue;
            }
            ObjectNode into = target.with(section.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> items = section.getValue().fields(); items.hasNext(); ) {
                Map.Entry<String, JsonNode> item = items.next();
                String name = item.getKey();
                JsonNode existing = into.get(name);
                if (existing == null) {
                    into.set(name, item.getValue());
                } else if (!existing.equals(item.getValue())) {
                    String unique = qualifier(service) + "_" + name;
                    renamed.put(COMPONENTS_REF + section.getKey() + "/" + name, COMPONENTS_REF + section.getKey() + "/" + unique);
                    into.set(unique, item.getValue());
                }
            }
        }
        // the renamed components were copied before their refs were rewritten: rewrite those too
        renamed.values().forEach(ref -> {
            String[] parts = ref.substring(COMPONENTS_REF.length()).split("/", 2);
            rewriteRefs(target.with(parts[0]).get(parts[1]), renamed);
        });
        return renamed;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (renamed.isEmpty() || node == null) {
            return;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renamed.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renamed.get(ref.asText())));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
        }
    }

    private static void mergePaths(ObjectNode target, ObjectNode doc, List<String> prefixes) {
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!routed(path.getKey(), prefixes) || !path.getValue().isObject()) {
                continue;
            }
            JsonNode existing = target.get(path.getKey());
            if (existing == null || !existing.isObject()) {
                target.set(path.getKey(), path.getValue());
            } else {
                path.getValue().fields().forEachRemaining(op -> {
                    if (!existing.has(op.getKey())) {
                        ((ObjectNode) existing).set(op.getKey(), op.getValue());
                    }
                });
            }
        }
    }

    private static void mergeTags(ObjectNode suite, ObjectNode doc) {
        JsonNode tags = doc.path("tags");
        if (!tags.isArray()) {
            return;
        }
        ArrayNode into = suite.withArray("tags");
        for (JsonNode tag : tags) {
            String name = tag.path("name").asText();
            boolean known = false;
            for (JsonNode t : into) {
                known |= t.path("name").asText().equals(name);
            }
            if (!known) {
                into.add(tag);
            }
        }
    }

    private static boolean routed(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** "complaint-service" → "ComplaintService": a valid component-name part. */
    static String qualifier(String service) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : service.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private OpenApiMerger() {
    }
}
