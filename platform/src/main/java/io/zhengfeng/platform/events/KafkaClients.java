package io.zhengfeng.platform.events;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.zhengfeng.platform.config.PlatformConfig;

/**
 * How every Kafka client of the platform connects: the bootstrap servers plus any client property from
 * configuration (TLS, SASL, …), so a secured broker is reached by configuration alone.
 */
public final class KafkaClients {
    /** {@code ZF_KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL} is {@code security.protocol=SASL_SSL}. */
    static final String ENV_PREFIX = "ZF_KAFKA_CLIENT_";

    /** Connection properties for a producer, consumer or admin client; callers add their own settings. */
    public static Properties connection(PlatformConfig.Kafka kafka) {
        return connection(kafka, System.getenv());
    }

    static Properties connection(PlatformConfig.Kafka kafka, Map<String, String> env) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        kafka.client().forEach((key, value) -> props.put(kafkaName(key), value));
        // Kafka property names are dotted lower case: an environment variable cannot carry the dots.
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                props.put(kafkaName(name.substring(ENV_PREFIX.length())), value);
            }
        });
        return props;
    }

    /** {@code security-protocol}, {@code SECURITY_PROTOCOL} and {@code security.protocol} name one property. */
    static String kafkaName(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    }

    /** Producer settings that make publication lossless and duplicate-free per session. */
    static KafkaProducer<String, byte[]> idempotentProducer(PlatformConfig.Kafka kafka, String clientId) {
        Properties props = connection(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // ≤ 5 in flight keeps per-partition order with idempotence on.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    private KafkaClients() {
    }
}
