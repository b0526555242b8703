package io.zhengfeng.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/create-topics.sh against a real KRaft broker that, like production, does not create topics
 * on first use: run twice (the second time asking for more partitions), every contract topic and
 * dead-letter topic exists with its partitions and configuration, and nothing else was needed.
 */
class CreateTopicsScriptTest {

    @Test
    void theTopicStepCreatesEveryContractTopicOnABrokerWithoutAutoCreationAndCanRunAgain(@TempDir Path dir)
            throws Exception {
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction()).build())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrap = cluster.bootstrapServers();
            Path bin = shims(dir);

            run(bin, bootstrap, 2);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertTopics(admin, 2);
            }
            // Again, asking for more partitions: existing topics grow, nothing fails or duplicates.
            run(bin, bootstrap, 3);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertTopics(admin, 3);
                // The broker really refuses unknown topics: a typo does not create one.
                try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrap,
                        "max.block.ms", 3000), new StringSerializer(), new StringSerializer())) {
                    ExecutionException e = assertThrows(ExecutionException.class,
                            () -> producer.send(new ProducerRecord<>("zhengfeng.complaint", "k", "v")).get());
                    assertInstanceOf(TimeoutException.class, e.getCause());
                }
                assertTrue(!admin.listTopics().names().get().contains("zhengfeng.complaint"));
            }
        }
    }

    private static void assertTopics(Admin admin, int partitions) throws Exception {
        List<String> topics = Repo.topics();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        assertEquals(topics.size(), described.size());
        for (String topic : topics) {
            int expected = topic.endsWith(".dlt") || topic.equals("zhengfeng.calendar") ? 1 : partitions;
            assertEquals(expected, described.get(topic).partitions().size(), topic + " partitions");
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                    .all().get().values().iterator().next();
            assertEquals("1", config.get("min.insync.replicas").value(), topic);
            if (topic.equals("zhengfeng.calendar")) {
                assertEquals("compact", config.get("cleanup.policy").value());
            } else {
                long days = Long.parseLong(config.get("retention.ms").value()) / 86_400_000L;
                assertEquals(topic.endsWith(".dlt") ? 90 : 14, days, topic + " retention");
            }
        }
    }

    /** kafka-topics.sh and kafka-configs.sh as the Kafka distribution has them, on this classpath. */
    private static Path shims(Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        for (var shim : Map.of("kafka-topics.sh", "org.apache.kafka.tools.TopicCommand",
                "kafka-configs.sh", "kafka.admin.ConfigCommand").entrySet()) {
            Path file = bin.resolve(shim.getKey());
            Files.writeString(file, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m"
                    + " -cp '" + cp + "' " + shim.getValue() + " \"$@\"\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    private static void run(Path bin, String bootstrap, int partitions) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Repo.path("deploy/create-topics.sh").toString())
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("ZF_KAFKA_BOOTSTRAP", bootstrap);
        pb.environment().put("ZF_TOPIC_PARTITIONS", String.valueOf(partitions));
        pb.environment().put("ZF_TOPIC_REPLICATION", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "create-topics.sh finished");
        assertEquals(0, p.exitValue(), out);
    }
}
