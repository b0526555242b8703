package io.zhengfeng.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as compose reads it (anchors and merge keys resolved): every container is
 * supervised, bounded and health-checked; the replicated services sit behind the load balancer;
 * every service is its own database user; topics exist before any service starts.
 * (`docker-compose config -q` in .ci/run validates the file against the compose schema.)
 */
class ComposeFileTest {
    /** Quarkus's management interface (health, metrics) in every container: ZF_MANAGEMENT_PORT. */
    private static final int MANAGEMENT_PORT = 9000;
    private static final Map<String, Object> COMPOSE = new Yaml(new LoaderOptions()).load(Repo.read("docker-compose.yml"));

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String p : path) {
            cur = ((Map<String, Object>) cur).get(p);
            if (cur == null) {
                return null;
            }
        }
        return (Map<String, Object>) cur;
    }

    static Map<String, Object> services() {
        return map(COMPOSE, "services");
    }

    /** The containers of one service folder: one, or its replicas (name-1, name-2). */
    static List<String> containersOf(String service) {
        List<String> names = new ArrayList<>();
        for (String name : services().keySet()) {
            if (name.equals(service) || name.matches(Pattern.quote(service) + "-\\d+")) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void everyLongRunningContainerRestartsIsBoundedAndHasAHealthcheck() {
        services().forEach((name, def) -> {
            Map<String, Object> s = map(def);
            Object limits = map(s, "deploy", "resources", "limits");
            assertNotNull(limits, name + " has resource limits");
            assertNotNull(map(limits).get("memory"), name + " memory limit");
            assertNotNull(map(limits).get("cpus"), name + " cpu limit");
            if (name.equals("kafka-init")) {
                assertEquals("no", s.get("restart"), "the topic step runs once");
                return;
            }
            assertEquals("unless-stopped", s.get("restart"), name);
            assertNotNull(map(s, "healthcheck"), name + " has a healthcheck");
        });
    }

    @Test
    void everyServiceBuildsItsOwnImageAndIsCheckedOnItsReadinessEndpoint() {
        Repo.SERVICES.forEach((service, port) -> {
            List<String> containers = containersOf(service);
            assertFalse(containers.isEmpty(), service);
            for (String c : containers) {
                Map<String, Object> s = map(services(), c);
                assertEquals("./" + service, map(s, "build").get("context"), c);
                assertEquals("src/main/docker/Dockerfile.jvm", map(s, "build").get("dockerfile"), c);
                assertTrue(String.valueOf(s.get("image")).startsWith("zhengfeng/" + service + ":"), c);
                String test = String.valueOf(map(s, "healthcheck").get("test"));
                assertTrue(test.contains("/dev/tcp/127.0.0.1/" + MANAGEMENT_PORT) && test.contains("/q/health/ready"),
                        c + " is checked on its management port (production serves no health on " + port + "): " + test);
            }
        });
    }

    /**
     * Health and metrics are on each service's management port, which compose never publishes; the
     * gateway asks the services' readiness there (the replicated ones through the load balancer).
     */
    @Test
    void healthAndMetricsAreOnAnUnpublishedManagementPortTheGatewayAsksThrough() {
        String lb = Repo.read("deploy/nginx/lb.conf");
        Map<String, Object> gatewayEnv = map(services(), "gateway", "environment");
        Repo.SERVICES.keySet().forEach(service -> {
            for (String c : containersOf(service)) {
                Map<String, Object> s = map(services(), c);
                assertEquals(String.valueOf(MANAGEMENT_PORT), String.valueOf(map(s, "environment").get("ZF_MANAGEMENT_PORT")), c);
                Object ports = s.get("ports");
                assertFalse(String.valueOf(ports).contains(String.valueOf(MANAGEMENT_PORT)), c + " publishes its management port: " + ports);
            }
        });
        assertFalse(String.valueOf(map(services(), "lb").get("ports")).contains("90"), "the load balancer is not published");
        Map<String, String> healthVars = Map.of("complaint-service", "ZF_COMPLAINT_HEALTH_URL",
                "survey-service", "ZF_SURVEY_HEALTH_URL", "inspection-service", "ZF_INSPECTION_HEALTH_URL",
                "notification-service", "ZF_NOTIFICATION_HEALTH_URL");
        healthVars.forEach((service, var) -> {
            String url = String.valueOf(gatewayEnv.get(var));
            List<String> replicas = containersOf(service);
            if (replicas.size() == 1) {
                assertEquals("http://" + service + ":" + MANAGEMENT_PORT, url, var);
                return;
            }
            Matcher lbPort = Pattern.compile("http://lb:(\\d+)").matcher(url);
            assertTrue(lbPort.matches(), var + " goes through the load balancer: " + url);
            assertTrue(lb.contains("listen " + lbPort.group(1) + ";"), "lb listens on " + lbPort.group(1));
            for (String r : replicas) {
                assertTrue(lb.contains("server " + r + ":" + MANAGEMENT_PORT + " "), "lb.conf leads to " + r + "'s management port");
            }
        });
    }

    @Test
    void complaintAndNotificationServiceRunTwoReplicasBehindTheLoadBalancer() {
        String lb = Repo.read("deploy/nginx/lb.conf");
        Map<String, Object> gatewayEnv = map(services(), "gateway", "environment");
        for (String service : List.of("complaint-service", "notification-service")) {
            List<String> replicas = containersOf(service);
            assertEquals(List.of(service + "-1", service + "-2"), replicas);
            int port = Repo.SERVICES.get(service);
            for (String r : replicas) {
                assertTrue(lb.contains("server " + r + ":" + port + " "), "lb.conf balances over " + r);
            }
            assertTrue(lb.contains("listen " + port + ";"), "lb listens on " + port);
            String var = service.equals("complaint-service") ? "ZF_COMPLAINT_URL" : "ZF_NOTIFICATION_URL";
            assertEquals("http://lb:" + port, gatewayEnv.get(var), "the gateway reaches " + service + " through lb");
            assertTrue(map(services(), "gateway", "depends_on").containsKey(replicas.get(1)));
        }
        // A sent POST is never repeated on the other replica (nginx retries only unsent requests).
        assertFalse(lb.contains("non_idempotent"), "lb.conf must not retry non-idempotent requests");
        Map<String, Object> n1 = map(services(), "notification-service-1", "environment");
        Map<String, Object> n2 = map(services(), "notification-service-2", "environment");
        assertNotEquals(n1.get("ZF_INSTANCE_ID"), n2.get("ZF_INSTANCE_ID"), "each timer replica has its own id");
    }

    @Test
    void eachServiceConnectsAsItsOwnUserWithRightsOnItsOwnSchemaOnly() {
        String init = Repo.read("deploy/mysql/init/10-service-users.sh");
        Matcher loop = Pattern.compile("for svc in ([a-z ]+); do").matcher(init);
        assertTrue(loop.find());
        List<String> users = List.of(loop.group(1).trim().split(" "));
        assertTrue(init.contains("GRANT ALL PRIVILEGES ON zf_${svc}.* TO 'zf_${svc}'@'%'"), "rights on its own schema");
        assertFalse(init.matches("(?s).*ON \\*\\.\\*.*"), "no global rights");
        Repo.SERVICES.keySet().forEach(service -> {
            String schema = Repo.read(service + "/src/main/resources/application.properties")
                    .replaceAll("(?s).*quarkus\\.datasource\\.jdbc\\.url=[^\\n]*}/(zf_[a-z]+)\\?.*", "$1");
            assertTrue(users.contains(schema.substring(3)), "init creates the schema and user of " + service);
            for (String c : containersOf(service)) {
                Map<String, Object> env = map(services(), c, "environment");
                assertEquals(schema, env.get("ZF_DB_USER"), c + " connects as " + schema + ", never root");
                String password = String.valueOf(env.get("ZF_DB_PASSWORD"));
                String var = "ZF_DB_PASSWORD_" + schema.substring(3).toUpperCase();
                assertTrue(password.startsWith("${" + var + ":-"), c + " takes its password from " + var);
                assertTrue(String.valueOf(map(services(), "mysql", "environment").get(var)).startsWith("${" + var),
                        "mysql's init script gets " + var);
            }
        });
    }

    @Test
    void theBrokerCreatesNoTopicAndTheTopicStepCreatesEveryContractTopicBeforeAnyService() {
        assertEquals("false", String.valueOf(map(services(), "kafka", "environment").get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")));
        String script = Repo.read("deploy/create-topics.sh");
        for (String topic : Repo.topics()) {
            assertTrue(Pattern.compile("\"" + Pattern.quote(topic) + "\\s").matcher(script).find(),
                    "create-topics.sh creates " + topic);
        }
        assertTrue(script.contains("--if-not-exists"), "idempotent");
        assertTrue(script.matches("(?s).*\"zhengfeng\\.calendar\\s+1\\s+cleanup\\.policy=compact.*"), "calendar compacted");
        Repo.SERVICES.keySet().forEach(service -> {
            for (String c : containersOf(service)) {
                assertEquals("service_completed_successfully",
                        map(services(), c, "depends_on", "kafka-init").get("condition"), c + " waits for the topics");
            }
        });
    }

    /** Every variable production must set reaches each container (the local profile's value or .env's). */
    @Test
    void everyVariableAServiceNeedsInProductionIsSetInCompose() {
        Repo.SERVICES.keySet().forEach(service -> {
            for (String c : containersOf(service)) {
                Map<String, Object> env = map(services(), c, "environment");
                for (String var : Repo.requiredInProduction(service)) {
                    assertTrue(env.containsKey(var), c + " sets " + var);
                }
            }
        });
    }
}
