package io.zhengfeng.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * deploy/k8s rendered per overlay and loaded with the fabric8 Kubernetes model: what a cluster
 * would receive. Each service must be deployable, observable and completely configured.
 */
class KubernetesManifestsTest {
    private static final KubernetesSerialization MODEL = new KubernetesSerialization();

    static List<HasMetadata> render(String overlay) {
        List<HasMetadata> objects = new ArrayList<>();
        for (ObjectNode node : Kustomize.build(Repo.path("deploy/k8s/overlays/" + overlay))) {
            HasMetadata object = MODEL.unmarshal(node.toString());
            assertNotNull(object.getMetadata().getName(), "an object without a name in " + overlay);
            objects.add(object);
        }
        return objects;
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    static List<GenericKubernetesResource> custom(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).map(o -> (GenericKubernetesResource) o).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void everyServiceHasStartupReadinessAndLivenessProbesOnQuarkusHealthAndBoundedResources(String overlay) {
        List<HasMetadata> objects = render(overlay);
        Repo.SERVICES.forEach((service, port) -> {
            Container c = container(one(objects, Deployment.class, service));
            assertProbe(c.getStartupProbe(), "/q/health/started", service);
            assertProbe(c.getReadinessProbe(), "/q/health/ready", service);
            assertProbe(c.getLivenessProbe(), "/q/health/live", service);
            assertEquals(port, c.getPorts().get(0).getContainerPort(), service + " listens on its Dockerfile's port");
            var res = c.getResources();
            for (String r : List.of("cpu", "memory")) {
                assertNotNull(res.getRequests().get(r), service + " requests " + r);
                assertNotNull(res.getLimits().get(r), service + " limits " + r);
            }
            // The startup budget covers a cold Flyway migration; liveness never kills a starting pod.
            Probe startup = c.getStartupProbe();
            assertTrue(startup.getPeriodSeconds() * startup.getFailureThreshold() >= 60, service + " startup budget");
            Service svc = one(objects, Service.class, service);
            assertEquals(port, svc.getSpec().getPorts().get(0).getPort());
            assertEquals(service, svc.getSpec().getSelector().get("app.kubernetes.io/name"));
        });
    }

    /**
     * Health and metrics are served on the management interface only (not on the public port in
     * production): each container declares that port, tells Quarkus about it (ZF_MANAGEMENT_PORT),
     * and its (cluster-internal) Service carries it for Prometheus and the gateway.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void everyServiceServesHealthAndMetricsOnItsManagementPortWhichOnlyTheClusterReaches(String overlay) {
        List<HasMetadata> objects = render(overlay);
        Repo.SERVICES.forEach((service, port) -> {
            Container c = container(one(objects, Deployment.class, service));
            var management = c.getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " declares no management port"));
            assertNotEquals(port, management.getContainerPort(), service + ": the management port is not the API's");
            Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
            assertEquals("prod", env.get("QUARKUS_PROFILE").getValue(), service);
            assertEquals(String.valueOf(management.getContainerPort()), env.get("ZF_MANAGEMENT_PORT").getValue(),
                    service + " listens for health where the probes ask");
            var svcPort = one(objects, Service.class, service).getSpec().getPorts().stream()
                    .filter(p -> "management".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(service + "'s Service has no management port"));
            assertEquals("management", svcPort.getTargetPort().getStrVal(), service);
            String type = one(objects, Service.class, service).getSpec().getType();
            assertTrue(type == null || type.equals("ClusterIP"), service + "'s Service is reached from inside the cluster only");
        });
        // The gateway's suite health asks each service's management port through its Service.
        Map<String, EnvVar> gatewayEnv = container(one(objects, Deployment.class, "gateway")).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e));
        Map.of("ZF_COMPLAINT_HEALTH_URL", "complaint-service", "ZF_SURVEY_HEALTH_URL", "survey-service",
                "ZF_INSPECTION_HEALTH_URL", "inspection-service", "ZF_NOTIFICATION_HEALTH_URL", "notification-service")
                .forEach((var, service) -> {
                    int managementPort = one(objects, Service.class, service).getSpec().getPorts().stream()
                            .filter(p -> "management".equals(p.getName())).findFirst().orElseThrow().getPort();
                    assertNotNull(gatewayEnv.get(var), "the gateway sets " + var);
                    assertEquals("http://" + service + ":" + managementPort, gatewayEnv.get(var).getValue(), var);
                });
    }

    private static void assertProbe(Probe probe, String path, String service) {
        assertNotNull(probe, service + " has a probe on " + path);
        assertEquals(path, probe.getHttpGet().getPath(), service);
        assertEquals("management", probe.getHttpGet().getPort().getStrVal(),
                service + " is probed on its management port (production serves no health on the API's)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void everyServiceScalesOnCpuSurvivesADrainAndIsScrapedByPrometheus(String overlay) {
        List<HasMetadata> objects = render(overlay);
        for (String service : Repo.SERVICES.keySet()) {
            HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class, service);
            assertEquals(service, hpa.getSpec().getScaleTargetRef().getName());
            assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, service + ": two replicas at least, so one can go");
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas(), service);
            PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class, service);
            assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < hpa.getSpec().getMinReplicas(),
                    service + ": a drain can always evict one pod");
            assertEquals(service, pdb.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"));
            GenericKubernetesResource monitor = custom(objects, "ServiceMonitor").stream()
                    .filter(m -> m.getMetadata().getName().equals(service)).findFirst()
                    .orElseThrow(() -> new AssertionError("no ServiceMonitor for " + service));
            Map<String, Object> endpoint = monitor.<List<Map<String, Object>>>get("spec", "endpoints").get(0);
            assertEquals("/q/metrics", endpoint.get("path"));
            assertEquals("management", endpoint.get("port"), service + " is scraped on its management port");
        }
    }

    /**
     * Every variable a service reads whose default is only good on a developer's machine (from
     * application.properties and platform's config) is set in its Deployment; secrets come by
     * reference, and each reference points at something the overlay (or the operator) provides.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void everyVariableAServiceNeedsInProductionIsSetAndSecretsAreReferences(String overlay) {
        List<HasMetadata> objects = render(overlay);
        ConfigMap config = one(objects, ConfigMap.class, "zhengfeng-config");
        Map<String, Secret> secrets = objects.stream().filter(Secret.class::isInstance).map(Secret.class::cast)
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        if (overlay.equals("prod")) {
            assertTrue(secrets.isEmpty(), "production secrets are never in the repository: " + secrets.keySet());
        }
        Map<String, List<String>> missing = new TreeMap<>();
        Repo.SERVICES.keySet().forEach(service -> {
            Deployment d = one(objects, Deployment.class, service);
            Container c = container(d);
            Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
            List<String> required = Repo.requiredInProduction(service);
            assertTrue(required.containsAll(List.of("ZF_DB_URL", "ZF_DB_USER", "ZF_DB_PASSWORD",
                    "ZF_KAFKA_BOOTSTRAP", "ZF_JWT_PUBLIC_KEY")), service + " needs at least these: " + required);
            for (String name : required) {
                EnvVar var = env.get(name);
                if (var == null) {
                    missing.computeIfAbsent(service, s -> new ArrayList<>()).add(name);
                    continue;
                }
                if (name.matches(".*(PASSWORD|PII_KEYS|PEPPER)$") || name.equals("ZF_DB_USER")) {
                    assertNotNull(var.getValueFrom() == null ? null : var.getValueFrom().getSecretKeyRef(),
                            service + " " + name + " comes from a Secret by reference");
                }
                if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = var.getValueFrom().getConfigMapKeyRef();
                    assertEquals("zhengfeng-config", ref.getName());
                    assertTrue(config.getData().containsKey(ref.getKey()), service + " " + name + " → " + ref.getKey());
                }
                if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null && overlay.equals("local")) {
                    var ref = var.getValueFrom().getSecretKeyRef();
                    Secret s = secrets.get(ref.getName());
                    assertNotNull(s, service + " " + name + ": the local overlay provides Secret " + ref.getName());
                    assertTrue(s.getData().containsKey(ref.getKey()), ref.getName() + " has " + ref.getKey());
                }
                if (var.getValue() != null && var.getValue().startsWith("/")) {
                    // a key file: a mounted Secret volume holds it
                    String file = var.getValue();
                    var mount = c.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath() + "/"))
                            .findFirst().orElseThrow(() -> new AssertionError(service + ": nothing mounted at " + file));
                    var volume = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                            .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
                    assertNotNull(volume.getSecret(), service + " " + name + " is read from a Secret volume");
                    String key = file.substring(mount.getMountPath().length() + 1);
                    assertTrue(volume.getSecret().getItems().stream().anyMatch(i -> i.getPath().equals(key)), file);
                    if (overlay.equals("local")) {
                        assertTrue(secrets.get(volume.getSecret().getSecretName()).getData().keySet().stream()
                                .anyMatch(k -> volume.getSecret().getItems().stream().anyMatch(i -> i.getKey().equals(k))));
                    }
                }
            }
        });
        assertTrue(missing.isEmpty(), "variables without a production value: " + missing);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void everyContractTopicIsAStrimziTopicWithPartitionsReplicasAndARetention(String overlay) {
        List<HasMetadata> objects = render(overlay);
        GenericKubernetesResource pool = custom(objects, "KafkaNodePool").get(0);
        int brokers = ((Number) pool.get("spec", "replicas")).intValue();
        GenericKubernetesResource kafka = custom(objects, "Kafka").get(0);
        assertEquals(false, kafka.get("spec", "kafka", "config", "auto.create.topics.enable"),
                "topics are created by KafkaTopic resources, never on first use");
        Map<String, GenericKubernetesResource> topics = new HashMap<>();
        custom(objects, "KafkaTopic").forEach(t -> topics.put((String) t.get("spec", "topicName"), t));
        assertEquals(new TreeSet<>(Repo.topics()), new TreeSet<>(topics.keySet()), "one KafkaTopic per topic");
        topics.forEach((name, t) -> {
            assertEquals(kafka.getMetadata().getName(), t.getMetadata().getLabels().get("strimzi.io/cluster"));
            int partitions = ((Number) t.get("spec", "partitions")).intValue();
            int replicas = ((Number) t.get("spec", "replicas")).intValue();
            Map<String, Object> cfg = t.get("spec", "config");
            int minIsr = ((Number) cfg.get("min.insync.replicas")).intValue();
            assertTrue(partitions >= 1 && replicas >= 1 && replicas <= brokers, name);
            assertTrue(replicas == 1 ? minIsr == 1 : minIsr < replicas, name + ": one broker may be down");
            if (name.equals("zhengfeng.calendar")) {
                assertEquals("compact", cfg.get("cleanup.policy"), "the calendar keeps the latest year record");
            } else {
                assertTrue(cfg.containsKey("retention.ms"), name);
            }
        });
        if (overlay.equals("prod")) {
            assertTrue(brokers >= 3, "production Kafka survives the loss of a broker");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void theDatabaseIsAServiceNamedInTheJdbcUrl(String overlay) {
        List<HasMetadata> objects = render(overlay);
        String url = one(objects, ConfigMap.class, "zhengfeng-config").getData().get("ZF_DB_URL");
        String host = url.replaceFirst("jdbc:mysql://", "").split("[:/]")[0];
        Service mysql = one(objects, Service.class, host);
        if (overlay.equals("prod")) {
            assertEquals("ExternalName", mysql.getSpec().getType(), "production uses the managed MySQL");
        }
    }

    /** The local init script is a copy (kustomize loads no file outside the overlay): same bytes. */
    @org.junit.jupiter.api.Test
    void theLocalMysqlInitScriptIsTheComposeOne() {
        assertEquals(Repo.read("deploy/mysql/init/10-service-users.sh"),
                Repo.read("deploy/k8s/overlays/local/10-service-users.sh"));
    }

    /**
     * Where kubectl (with its built-in kustomize) is installed, the real tool renders every overlay
     * to exactly what the checks above looked at.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void kubectlKustomizeRendersTheSameObjects(String overlay) throws Exception {
        if (!kubectlAvailable()) {
            System.out.println("kubectl is not installed: the overlays were rendered by the test's own kustomize only");
            return;
        }
        Process p = new ProcessBuilder("kubectl", "kustomize", Repo.path("deploy/k8s/overlays/" + overlay).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Map<String, JsonNode> real = byKey(Kustomize.yaml(out));
        Map<String, JsonNode> ours = byKey(new ArrayList<>(Kustomize.build(Repo.path("deploy/k8s/overlays/" + overlay))));
        assertEquals(real.keySet(), ours.keySet());
        real.forEach((key, node) -> assertEquals(node, ours.get(key), key));
    }

    private static Map<String, JsonNode> byKey(List<? extends JsonNode> nodes) {
        Map<String, JsonNode> m = new TreeMap<>();
        for (JsonNode n : nodes) {
            if (n.path("data").isObject() && n.path("kind").asText().equals("Secret")) {
                // kubectl wraps long base64 values over lines; the bytes are what counts
                ObjectNode data = (ObjectNode) n.get("data");
                List<String> names = new ArrayList<>();
                data.fieldNames().forEachRemaining(names::add);
                names.forEach(f -> data.put(f, data.get(f).asText().replaceAll("\\s", "")));
            }
            m.put(n.path("kind").asText() + "/" + n.at("/metadata/name").asText(), n);
        }
        return m;
    }

    private static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            return false;
        }
    }

    private static Container container(Deployment d) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertFalse(containers.isEmpty());
        return containers.get(0);
    }
}
