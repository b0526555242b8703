package io.zhengfeng.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization the way `kustomize build` does, for the features deploy/k8s uses:
 * resources (files and directories), namespace, images, strategic-merge patch files (maps merged,
 * lists of named items merged by name), inline JSON 6902 patches with a kind target (replace/add),
 * and secret/config-map generators without name hashes. A test also compares the result with
 * `kubectl kustomize` where kubectl is installed, so this cannot drift from the real tool unseen.
 */
final class Kustomize {
    static final ObjectMapper JSON = new ObjectMapper();

    static List<ObjectNode> build(Path dir) {
        ObjectNode k = (ObjectNode) loadAll(dir.resolve("kustomization.yaml")).get(0);
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(build(p));
            } else {
                loadAll(p).forEach(n -> out.add((ObjectNode) n));
            }
        }
        for (JsonNode g : k.path("secretGenerator")) {
            out.add(generated("Secret", g, dir, true));
        }
        for (JsonNode g : k.path("configMapGenerator")) {
            out.add(generated("ConfigMap", g, dir, false));
        }
        for (JsonNode patch : k.path("patches")) {
            if (patch.has("path")) {
                for (JsonNode p : loadAll(dir.resolve(patch.get("path").asText()))) {
                    ObjectNode target = find(out, p.get("kind").asText(), p.at("/metadata/name").asText());
                    merge(target, p);
                }
            } else {
                String kind = patch.at("/target/kind").asText();
                JsonNode ops = yaml(patch.get("patch").asText()).get(0);
                out.stream().filter(o -> o.path("kind").asText().equals(kind)).forEach(o -> json6902(o, ops));
            }
        }
        for (JsonNode image : k.path("images")) {
            String name = image.get("name").asText();
            String replacement = image.path("newName").asText(name) + ":" + image.path("newTag").asText("latest");
            for (ObjectNode o : out) {
                for (JsonNode c : o.at("/spec/template/spec/containers")) {
                    if (c.path("image").asText().split(":")[0].equals(name)) {
                        ((ObjectNode) c).put("image", replacement);
                    }
                }
            }
        }
        if (k.has("namespace")) {
            out.forEach(o -> ((ObjectNode) o.get("metadata")).put("namespace", k.get("namespace").asText()));
        }
        return out;
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " to patch"));
    }

    private static ObjectNode generated(String kind, JsonNode g, Path dir, boolean base64) {
        ObjectNode o = JSON.createObjectNode();
        o.put("apiVersion", "v1").put("kind", kind);
        o.putObject("metadata").put("name", g.get("name").asText());
        ObjectNode data = o.putObject("data");
        for (JsonNode literal : g.path("literals")) {
            String[] kv = literal.asText().split("=", 2);
            data.put(kv[0], base64 ? b64(kv[1]) : kv[1]);
        }
        for (JsonNode file : g.path("files")) {
            String[] kv = file.asText().contains("=") ? file.asText().split("=", 2)
                    : new String[] {file.asText(), file.asText()};
            String content = read(dir.resolve(kv[1]));
            data.put(kv[0], base64 ? b64(content) : content);
        }
        if (base64) {
            o.put("type", "Opaque");
        }
        return o;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Strategic merge: maps recursively, lists of maps with a "name" (or "id") merged item by item. */
    static void merge(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            JsonNode current = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (current instanceof ObjectNode obj && value.isObject()) {
                merge(obj, value);
            } else if (current instanceof ArrayNode arr && value.isArray() && keyOf(value) != null) {
                mergeList(arr, (ArrayNode) value, keyOf(value));
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

    private static String keyOf(JsonNode list) {
        JsonNode first = list.path(0);
        return first.has("name") ? "name" : first.has("id") ? "id" : null;
    }

    private static void mergeList(ArrayNode target, ArrayNode patch, String key) {
        for (JsonNode item : patch) {
            ObjectNode match = null;
            for (JsonNode t : target) {
                if (t.path(key).equals(item.get(key))) {
                    match = (ObjectNode) t;
                }
            }
            if (match != null) {
                merge(match, item);
            } else {
                target.add(item.deepCopy());
            }
        }
    }

    private static void json6902(ObjectNode target, JsonNode ops) {
        for (JsonNode op : ops) {
            String path = op.get("path").asText();
            int cut = path.lastIndexOf('/');
            JsonNode parent = target.at(path.substring(0, cut));
            String field = path.substring(cut + 1).replace("~1", "/").replace("~0", "~");
            String kind = op.get("op").asText();
            if (!(parent instanceof ObjectNode obj) || (kind.equals("replace") && !obj.has(field))) {
                throw new AssertionError("JSON patch " + op + " does not apply to " + target.at("/metadata/name"));
            }
            if (!kind.equals("replace") && !kind.equals("add")) {
                throw new AssertionError("unsupported JSON patch op " + kind);
            }
            obj.set(field, op.get("value").deepCopy());
        }
    }

    /** Every document of a YAML file as JSON trees (comment-only documents dropped). */
    static List<JsonNode> loadAll(Path file) {
        return yaml(read(file));
    }

    static List<JsonNode> yaml(String text) {
        List<JsonNode> docs = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(text)) {
            if (doc != null) {
                docs.add(JSON.valueToTree(doc));
            }
        }
        return docs;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Kustomize() {
    }
}
