package io.zhengfeng.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zhengfeng.contracts.Topics;

/** The repository as the deployment files see it: services, their configuration, the topics. */
final class Repo {
    /** Service folder → HTTP port (the Dockerfile, compose and the manifests must agree on it). */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();
    static {
        SERVICES.put("complaint-service", 8081);
        SERVICES.put("survey-service", 8082);
        SERVICES.put("inspection-service", 8083);
        SERVICES.put("notification-service", 8084);
        SERVICES.put("gateway", 8080);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(ZF_[A-Z0-9_]+)(?::([^}]*))?}");
    /**
     * A default that only makes sense on a developer's machine: a local address, the keys in the
     * repository, the demo PII key or pepper, the database's root user. Production must set these.
     */
    private static final Pattern LOCAL_DEFAULT = Pattern.compile(
            "localhost|127\\.0\\.0\\.1|\\.local\\b|dev-keys/|^local1\\b|change-me|^root$");
    /** Credentials whose default is empty but which a production database always needs. */
    private static final List<String> ALWAYS_REQUIRED = List.of("ZF_DB_PASSWORD");

    static Path root() {
        String configured = System.getProperty("zf.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        if (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = Path.of("..");
        }
        return root.toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every ${ZF_…:default} placeholder a service reads: platform's config, then its own. */
    static Map<String, String> placeholders(String service) {
        Map<String, String> found = new TreeMap<>();
        for (String file : List.of("platform/src/main/resources/META-INF/microprofile-config.properties",
                service + "/src/main/resources/application.properties")) {
            for (String line : read(file).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || (trimmed.startsWith("%") && !trimmed.startsWith("%prod."))) {
                    continue; // comments, and lines of other profiles (dev, test, local) than prod
                }
                Matcher m = PLACEHOLDER.matcher(trimmed);
                while (m.find()) {
                    found.put(m.group(1), m.group(2) == null ? "" : m.group(2));
                }
            }
        }
        return found;
    }

    /** The variables production must set for a service: those whose default is local-only. */
    static List<String> requiredInProduction(String service) {
        List<String> required = new ArrayList<>();
        placeholders(service).forEach((name, def) -> {
            if (ALWAYS_REQUIRED.contains(name) || LOCAL_DEFAULT.matcher(def).find()) {
                required.add(name);
            }
        });
        return required;
    }

    /** Every topic of event-contracts' Topics and its dead-letter topic. */
    static List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (var field : Topics.class.getFields()) {
            if (field.getType() == String.class) {
                try {
                    String topic = (String) field.get(null);
                    topics.add(topic);
                    topics.add(Topics.deadLetter(topic));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return topics;
    }

    private Repo() {
    }
}
