package io.zhengfeng.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's own image (no Docker engine here to build it): a pinned base image, the Quarkus
 * fast-jar copied from the service's own target/, a non-root user, the port the service listens on.
 */
class DockerfileTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"complaint-service", "survey-service", "inspection-service", "notification-service", "gateway"})
    void theServiceImageIsPinnedNonRootAndServesItsOwnPort(String service) {
        List<String[]> instructions = new ArrayList<>();
        for (String line : Repo.read(service + "/src/main/docker/Dockerfile.jvm").split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                instructions.add(t.split("\\s+", 2));
            }
        }
        assertEquals("FROM", instructions.get(0)[0], "the first instruction is FROM");
        // Every stage's image (a build stage too, e.g. survey-service's font stage) pinned to a version.
        for (String[] from : instructions.stream().filter(i -> i[0].equals("FROM")).toList()) {
            String image = from[1].split("\\s+")[0];
            assertTrue(image.matches("[^:\\s]+:[0-9][\\w.-]*"), "image pinned to a version: " + image);
            assertFalse(image.endsWith(":latest"));
        }
        int port = Repo.SERVICES.get(service);
        String defaultPort = Repo.placeholders(service).get("ZF_HTTP_PORT");
        assertEquals(String.valueOf(port), defaultPort, service + "'s own default port");
        assertTrue(has(instructions, "EXPOSE", String.valueOf(port)), "EXPOSE " + port);
        assertTrue(has(instructions, "ENV", "QUARKUS_HTTP_PORT=" + port), "listens on " + port);
        String user = instructions.stream().filter(i -> i[0].equals("USER")).map(i -> i[1]).reduce((a, b) -> b)
                .orElse("root");
        assertFalse(user.equals("root") || user.equals("0"), "runs as a non-root user");
        for (String layer : List.of("lib/", "app/", "quarkus/")) {
            assertTrue(instructions.stream().anyMatch(i -> i[0].equals("COPY") && i[1].contains("target/quarkus-app/" + layer)),
                    "copies the fast-jar's " + layer);
        }
        assertTrue(instructions.stream().anyMatch(i -> i[0].equals("ENTRYPOINT") || i[0].equals("CMD")));
    }

    private static boolean has(List<String[]> instructions, String op, String arg) {
        return instructions.stream().anyMatch(i -> i[0].equals(op) && i.length > 1 && i[1].strip().equals(arg));
    }
}
