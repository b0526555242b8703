package io.zhengfeng.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real Apache Kafka broker for the local run: one node in KRaft combined mode (broker and
 * controller, {@code node.id=1}), replication factors 1, topics created on first use.
 *
 * <pre>
 * java -cp local-runner/target/local-runner.jar:$(cat local-runner/target/classpath.txt) \
 *     io.zhengfeng.local.KafkaBrokerMain [--port 9092] [--controller-port PORT+1] [--data-dir .run/kafka]
 * </pre>
 *
 * Environment: {@code ZF_KAFKA_PORT}, {@code ZF_KAFKA_CONTROLLER_PORT}, {@code ZF_KAFKA_DATA_DIR}.
 * The first start formats the storage with a random cluster id (what {@code kafka-storage.sh format
 * --standalone} does); later starts reuse the data. SIGTERM shuts the broker down cleanly.
 */
public final class KafkaBrokerMain {
    private static final String FORMAT_MARKER = "zf-listeners.properties";

    private KafkaBrokerMain() {
    }

    public static void main(String[] argv) throws Exception {
        Cli cli = Cli.parse(argv);
        if (cli.has("help")) {
            System.out.println("usage: KafkaBrokerMain [--port 9092] [--controller-port <port+1>] [--data-dir .run/kafka]");
            return;
        }
        int port = cli.getInt("port", 0, "ZF_KAFKA_PORT", 9092);
        int controllerPort = cli.getInt("controller-port", -1, "ZF_KAFKA_CONTROLLER_PORT", port + 1);
        Path dataDir = cli.getPath("data-dir", 1, "ZF_KAFKA_DATA_DIR", ".run/kafka");
        Path logDir = dataDir.resolve("data");
        Files.createDirectories(logDir);

        Properties props = serverProperties(port, controllerPort, logDir);
        Path propsFile = dataDir.resolve("server.properties");
        store(props, propsFile, "Written by KafkaBrokerMain at each start; edits are overwritten.");

        formatIfNeeded(props, propsFile, dataDir, logDir);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        Thread hook = new Thread(() -> {
            System.out.println("[kafka] stopping broker ...");
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Throwable e) {
                System.err.println("[kafka] error while stopping: " + e);
                Runtime.getRuntime().halt(1);
            }
            System.out.println("[kafka] broker stopped");
        }, "kafka-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);

        long start = System.nanoTime();
        try {
            server.startup();
        } catch (Throwable e) {
            System.err.println("[kafka] broker failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.out.printf("[kafka] broker ready on 127.0.0.1:%d (controller %d, data %s) in %d ms%n",
                port, controllerPort, logDir, (System.nanoTime() - start) / 1_000_000);
        server.awaitShutdown();
    }

    static Properties serverProperties(int port, int controllerPort, Path logDir) {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small local footprint: a week of data at most, 1 GiB per partition.
        p.put("log.retention.hours", "168");
        p.put("log.retention.bytes", String.valueOf(1L << 30));
        p.put("log.segment.bytes", String.valueOf(64L << 20));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    /**
     * Formats the log directory once. The quorum's voter record holds the controller's address, so
     * a data directory formatted for other ports is formatted anew (a local broker's data is
     * disposable).
     */
    private static void formatIfNeeded(Properties props, Path propsFile, Path dataDir, Path logDir) throws IOException {
        Path marker = dataDir.resolve(FORMAT_MARKER);
        boolean formatted = Files.exists(logDir.resolve("meta.properties"));
        if (formatted) {
            Properties previous = Files.exists(marker) ? load(marker) : new Properties();
            if (props.getProperty("listeners").equals(previous.getProperty("listeners"))) {
                return;
            }
            System.out.println("[kafka] data dir " + logDir + " was formatted for other listeners ("
                    + previous.getProperty("listeners") + "): formatting it anew");
            deleteContents(logDir);
        }
        String clusterId = Uuid.randomUuid().toString();
        int rc = StorageTool.execute(new String[] {
            "format", "--standalone", "--cluster-id", clusterId, "--config", propsFile.toString(), "--ignore-formatted"
        }, System.out);
        if (rc != 0) {
            throw new IllegalStateException("kafka storage format failed with exit code " + rc);
        }
        Properties m = new Properties();
        m.setProperty("listeners", props.getProperty("listeners"));
        m.setProperty("cluster.id", clusterId);
        store(m, marker, "Listeners the data dir was formatted for");
        System.out.println("[kafka] formatted " + logDir + " with cluster id " + clusterId);
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static void store(Properties p, Path file, String comment) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, comment);
        }
    }
}
