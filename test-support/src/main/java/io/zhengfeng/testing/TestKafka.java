package io.zhengfeng.testing;

import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;
import org.testcontainers.kafka.KafkaContainer;

/** One real Kafka broker per test JVM, started on first use and stopped when the JVM exits. */
public final class TestKafka {
    private static final Logger LOG = Logger.getLogger(TestKafka.class);
    private static String bootstrapServers;

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = TestInfrastructure.useContainers() ? startContainer() : startInJvm();
        }
        return bootstrapServers;
    }

    private static String startContainer() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
        return kafka.getBootstrapServers();
    }

    private static String startInJvm() {
        long started = System.nanoTime();
        // At JVM exit Kafka's own hook deletes the test kit's log dirs, possibly while the broker still
        // writes a checkpoint; the broker then finds its only log dir gone and halts the JVM with
        // status 1, failing a test run whose tests all passed. A test JVM is not the broker's to stop.
        Exit.setHaltProcedure((status, message) -> LOG.warnf("Kafka test broker asked to halt (%d): %s", status, message));
        Exit.setExitProcedure((status, message) -> LOG.warnf("Kafka test broker asked to exit (%d): %s", status, message));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    // else the kit formats the log with an unstable metadata version
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    LOG.debug("Kafka test broker did not close cleanly", e);
                }
            }));
            String servers = cluster.bootstrapServers();
            LOG.infof("Apache Kafka KRaft broker started in the test JVM at %s in %d ms",
                    servers, (System.nanoTime() - started) / 1_000_000);
            return servers;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-JVM Apache Kafka broker: " + e, e);
        }
    }

    /** Client settings for a test's own producer or consumer. */
    public static Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    private TestKafka() {
    }
}
