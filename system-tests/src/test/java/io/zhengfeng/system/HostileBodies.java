package io.zhengfeng.system;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies an attacker sends, derived from an operation's schema (its plausible body). */
final class HostileBodies {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Name → body, for an operation that takes a body. */
    static Map<String, byte[]> of(OpenApiOperations.Operation op) throws Exception {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        if (!op.takesJson()) {
            bodies.put("garbage bytes", garbage());
            bodies.put("invalid UTF-8", new byte[] { 'a', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, 'b' });
            return bodies;
        }
        JsonNode sample = op.sampleBody();
        bodies.put("wrong types", bytes(mapLeaves(sample, HostileBodies::wrongType)));
        bodies.put("huge strings", bytes(mapLeaves(sample, v -> v.isTextual() ? F.textNode("龘".repeat(100_000)) : v)));
        bodies.put("unknown fields", bytes(withUnknownFields(sample)));
        bodies.put("deep nesting", ("{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}").getBytes(UTF_8));
        bodies.put("invalid UTF-8", invalidUtf8(sample));
        bodies.put("truncated JSON", "{\"a\":[1,2".getBytes(UTF_8));
        bodies.put("array instead of object", "[1,\"x\",null]".getBytes(UTF_8));
        bodies.put("empty body", new byte[0]);
        return bodies;
    }

    /** A well-formed JSON body of {@code size} bytes. */
    static byte[] oversized(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'x');
        byte[] head = "{\"content\":\"".getBytes(UTF_8);
        System.arraycopy(head, 0, body, 0, head.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }

    private static JsonNode wrongType(JsonNode v) {
        if (v.isTextual()) {
            return F.objectNode().put("$gt", "");
        }
        if (v.isNumber()) {
            return F.textNode("9".repeat(40));
        }
        if (v.isBoolean()) {
            return F.textNode("yes");
        }
        return F.numberNode(-1);
    }

    private static JsonNode mapLeaves(JsonNode node, java.util.function.UnaryOperator<JsonNode> f) {
        if (node.isObject()) {
            ObjectNode copy = F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), mapLeaves(e.getValue(), f));
            }
            return copy.isEmpty() ? f.apply(node) : copy;
        }
        if (node.isArray()) {
            ArrayNode copy = F.arrayNode();
            node.forEach(n -> copy.add(mapLeaves(n, f)));
            return copy;
        }
        return f.apply(node);
    }

    private static JsonNode withUnknownFields(JsonNode sample) {
        ObjectNode o = sample.isObject() ? ((ObjectNode) sample).deepCopy() : F.objectNode();
        o.put("role", "admin").put("isAdmin", true).put("department", "land").put("id", "00000000-0000-0000-0000-000000000000");
        o.set("__proto__", F.objectNode().put("admin", true));
        return o;
    }

    /** Every string value replaced by bytes that are not UTF-8 (a lone continuation, a surrogate, 0xFF). */
    private static byte[] invalidUtf8(JsonNode sample) throws Exception {
        String text = OpenApiOperations.JSON.writeValueAsString(mapLeaves(sample, v -> v.isTextual() ? F.textNode("@@BAD@@") : v));
        if (!text.contains("@@BAD@@")) {
            text = "{\"text\":\"@@BAD@@\"}";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] parts = text.split("@@BAD@@", -1);
        for (int i = 0; i < parts.length; i++) {
            out.write(parts[i].getBytes(UTF_8));
            if (i < parts.length - 1) {
                out.write(new byte[] { 'a', (byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF });
            }
        }
        return out.toByteArray();
    }

    private static byte[] garbage() {
        byte[] b = new byte[2048];
        new java.util.Random(11).nextBytes(b);
        return b;
    }

    private static byte[] bytes(JsonNode node) throws Exception {
        return OpenApiOperations.JSON.writeValueAsBytes(node);
    }

    private HostileBodies() {
    }
}
