package io.zhengfeng.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zhengfeng.platform.calendar.CalendarFeed;
import io.zhengfeng.platform.calendar.Calendars;
import io.zhengfeng.platform.config.PlatformConfig;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.TestKafka;

/**
 * Issue 11 part 7: a client property set in configuration (the way TLS or SASL is set) reaches the
 * producer, the consumer and the admin client the platform creates, against a real broker.
 */
class KafkaClientPropertiesTest {

    /** Kafka hands every configured client property to its metric reporters: a witness inside each client. */
    public static final class Witness implements MetricsReporter {
        static final List<Map<String, ?>> CONFIGURED = new CopyOnWriteArrayList<>();

        @Override
        public void configure(Map<String, ?> configs) {
            CONFIGURED.add(Map.copyOf(configs));
        }

        @Override
        public void init(List<KafkaMetric> metrics) {
        }

        @Override
        public void metricChange(KafkaMetric metric) {
        }

        @Override
        public void metricRemoval(KafkaMetric metric) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aClientPropertyFromConfigurationOrTheEnvironmentReachesTheProducerTheConsumerAndTheAdminClient() {
        PlatformConfig.Kafka kafka = kafkaConfig(Map.of(
                "zhengfeng.kafka.bootstrap-servers", TestKafka.bootstrapServers(),
                "zhengfeng.kafka.client.\"metric.reporters\"", Witness.class.getName(),
                "zhengfeng.kafka.client.reconnect-backoff-ms", "77"));
        Properties connection = KafkaClients.connection(kafka, Map.of("ZF_KAFKA_CLIENT_CONNECTIONS_MAX_IDLE_MS", "123456",
                "PATH", "/usr/bin"));
        assertEquals(Witness.class.getName(), connection.get("metric.reporters"));
        assertEquals("77", connection.get("reconnect.backoff.ms"), "a dashed key names the dotted Kafka property");
        assertEquals("123456", connection.get("connections.max.idle.ms"), "ZF_KAFKA_CLIENT_* maps onto the dotted name");

        Witness.CONFIGURED.clear();
        try (var producer = KafkaClients.idempotentProducer(kafka, "witness-producer")) {
            producer.partitionsFor(io.zhengfeng.contracts.Topics.CALENDAR);
        }
        CalendarFeed.ensureTopic(connection);
        try (CalendarFeed feed = new CalendarFeed(connection, new Calendars(), "witness-consumer")) {
            feed.start();
            Await.until(feed::isCaughtUp, Duration.ofSeconds(30));
        }
        List<String> clients = Witness.CONFIGURED.stream().map(c -> String.valueOf(c.get("client.id"))).toList();
        assertTrue(clients.contains("witness-producer"), "producer: " + clients);
        assertTrue(clients.contains("witness-consumer"), "consumer: " + clients);
        assertTrue(clients.stream().anyMatch(id -> id.startsWith("adminclient-")), "admin client: " + clients);
        assertTrue(Witness.CONFIGURED.stream().allMatch(c -> "77".equals(String.valueOf(c.get("reconnect.backoff.ms")))),
                "every client got the configured property");
    }

    @Test
    void withoutClientPropertiesOnlyTheBootstrapServersAreSet() {
        Properties connection = KafkaClients.connection(kafkaConfig(Map.of("zhengfeng.kafka.bootstrap-servers", "b:9092")), Map.of());
        assertEquals(Map.of("bootstrap.servers", "b:9092"), Map.copyOf(connection));
    }

    private static PlatformConfig.Kafka kafkaConfig(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(PlatformConfig.class)
                .withConverter(Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 100)).build();
        return config.getConfigMapping(PlatformConfig.class).kafka();
    }
}
