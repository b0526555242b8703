package io.zhengfeng.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Puts a CloudEvent on the real broker exactly as a producing service's outbox relay does (binary
 * mode: {@code ce_*} headers, JSON value, key = aggregate id), so a consumer under test cannot tell
 * it from the real thing.
 */
public final class TestEvents {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    /** Sends with a fresh ce_id and returns it. */
    public static String send(String topic, String type, String source, Object aggregateId, Object payload) {
        String id = UUID.randomUUID().toString();
        send(id, topic, type, source, aggregateId, payload);
        return id;
    }

    /** Sends with the given ce_id: call twice to redeliver. Returns once the broker acknowledged. */
    public static void send(String ceId, String topic, String type, String source, Object aggregateId, Object payload) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, aggregateId.toString(), json(payload));
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", ceId);
        header(r, "ce_source", source);
        header(r, "ce_type", type);
        header(r, "ce_time", Instant.now().toString());
        header(r, "ce_subject", aggregateId.toString());
        header(r, "content-type", "application/json");
        try {
            producer().send(r).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker did not take the test event: " + e.getCause(), e);
        }
    }

    public static String json(Object payload) {
        try {
            return payload instanceof String s ? s : JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }

    private TestEvents() {
    }
}
