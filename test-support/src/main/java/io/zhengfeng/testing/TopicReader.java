package io.zhengfeng.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning with its own consumer group, as a third-party consumer would. */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<RecordedEvent> seen = new ArrayList<>();

    public TopicReader(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code until} holds for the events seen so far, or fails after {@code timeout}. */
    public List<RecordedEvent> readUntil(Predicate<List<RecordedEvent>> until, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!until.test(seen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Kafka did not deliver the expected events within " + timeout + "; saw " + seen.size()
                        + ": " + seen.stream().map(RecordedEvent::type).toList());
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                Map<String, String> headers = new HashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), RecordedEvent.text(h.value()));
                }
                seen.add(new RecordedEvent(r.topic(), r.partition(), r.offset(), r.key(), headers, r.value()));
            }
        }
        return List.copyOf(seen);
    }

    /** Events whose key (aggregate id) is {@code key}, in the order Kafka delivered them. */
    public List<RecordedEvent> readForKey(String key, int atLeast, Duration timeout) {
        return readUntil(all -> all.stream().filter(e -> key.equals(e.key())).count() >= atLeast, timeout)
                .stream().filter(e -> key.equals(e.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
