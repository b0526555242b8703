package io.zhengfeng.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.zhengfeng.contracts.CloudEventHeaders;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.config.PlatformConfig;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * What this service's consumer group parked on the dead-letter topics, and re-driving one after a
 * fix: the record goes through the same dispatch as live traffic, so it is applied at most once
 * (its {@code ce_id} decides) however often it is re-driven.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** One parked record; {@code applied} tells whether its ce_id has been applied since (e.g. re-driven). */
    public record DeadLetter(String deadLetterTopic, int partition, long offset, String topic, Integer originalPartition,
            Long originalOffset, String eventId, String type, String subject, String kind, String reason,
            Instant parkedAt, boolean applied) {
    }

    /** {@code outcome}: applied, already_applied (a second re-drive), or ignored (no handler takes it any more). */
    public record Redrive(String eventId, String outcome) {
    }

    private final EventConsumer consumer;
    private final EventDispatcher dispatcher;
    private final EventApplier applier;
    private final PlatformConfig config;

    public DeadLetters(EventConsumer consumer, EventDispatcher dispatcher, EventApplier applier, PlatformConfig config) {
        this.consumer = consumer;
        this.dispatcher = dispatcher;
        this.applier = applier;
        this.config = config;
    }

    /** The newest {@code limit} records this group parked, newest first. */
    public List<DeadLetter> list(int limit) {
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            for (String topic : consumer.topics()) {
                List<TopicPartition> partitions = partitionsOf(reader, Topics.deadLetter(topic));
                if (partitions.isEmpty()) {
                    continue;
                }
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = reader.endOffsets(partitions, READ_TIMEOUT);
                long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                while (partitions.stream().anyMatch(p -> reader.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                        Map<String, String> h = EventDispatcher.headers(r);
                        if (consumer.groupId().equals(h.get(DeadLetterPublisher.GROUP))) {
                            found.add(view(r, h));
                        }
                    }
                }
            }
        }
        found.sort((a, b) -> b.parkedAt().compareTo(a.parkedAt()));
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /** @throws ProblemException 404 unknown, 409 not this group's, 422 still poison, 503 still failing */
    public Redrive redrive(String deadLetterTopic, int partition, long offset, String by) {
        ConsumerRecord<String, byte[]> parked = read(deadLetterTopic, partition, offset);
        Map<String, String> h = EventDispatcher.headers(parked);
        if (!consumer.groupId().equals(h.get(DeadLetterPublisher.GROUP))) {
            throw ProblemException.conflict("dead-letter-of-another-group",
                    "This record was parked by " + h.get(DeadLetterPublisher.GROUP) + ", not by " + consumer.groupId());
        }
        String originalTopic = h.getOrDefault(DeadLetterPublisher.TOPIC, deadLetterTopic.replaceFirst("\\.dlt$", ""));
        RecordHeaders headers = new RecordHeaders();
        parked.headers().forEach(header -> {
            if (!header.key().startsWith("zf_dlt_")) {
                headers.add(header);
            }
        });
        ConsumerRecord<String, byte[]> original = new ConsumerRecord<>(originalTopic,
                parseInt(h.get(DeadLetterPublisher.PARTITION), -1), parseLong(h.get(DeadLetterPublisher.OFFSET), -1L),
                parked.timestamp(), parked.timestampType(), -1, -1, parked.key(), parked.value(), headers,
                java.util.Optional.empty());
        EventDispatcher.Outcome outcome = dispatcher.dispatch(original, 0);
        LOG.infof("Dead letter %s-%d@%d (ce_id %s) re-driven by %s: %s", deadLetterTopic, partition, offset,
                h.get(CloudEventHeaders.ID), by, outcome);
        return switch (outcome.result()) {
            case APPLIED -> new Redrive(h.get(CloudEventHeaders.ID), "applied");
            case DUPLICATE -> new Redrive(h.get(CloudEventHeaders.ID), "already_applied");
            case IGNORED -> new Redrive(h.get(CloudEventHeaders.ID), "ignored");
            case POISON -> throw new ProblemException(422, "still-poison", "Still cannot be applied", outcome.reason());
            case RETRY -> throw new ProblemException(503, "dependency-unavailable", "Try again later", outcome.reason());
        };
    }

    private ConsumerRecord<String, byte[]> read(String topic, int partition, long offset) {
        if (!consumer.topics().stream().map(Topics::deadLetter).toList().contains(topic)) {
            throw ProblemException.notFound("Dead-letter topic " + topic);
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            if (!partitionsOf(reader, topic).contains(tp)) {
                throw ProblemException.notFound("Partition " + partition + " of " + topic);
            }
            reader.assign(List.of(tp));
            reader.seek(tp, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                    if (r.offset() > offset) {
                        throw ProblemException.notFound("Record " + offset + " of " + topic + "-" + partition);
                    }
                }
                if (reader.position(tp) >= reader.endOffsets(List.of(tp)).get(tp)) {
                    break;
                }
            }
        }
        throw ProblemException.notFound("Record " + offset + " of " + topic + "-" + partition);
    }

    private DeadLetter view(ConsumerRecord<String, byte[]> r, Map<String, String> h) {
        String eventId = h.get(CloudEventHeaders.ID);
        return new DeadLetter(r.topic(), r.partition(), r.offset(), h.get(DeadLetterPublisher.TOPIC),
                parseInt(h.get(DeadLetterPublisher.PARTITION), null), parseLong(h.get(DeadLetterPublisher.OFFSET), null),
                eventId, h.get(CloudEventHeaders.TYPE), h.get(CloudEventHeaders.SUBJECT),
                h.getOrDefault(DeadLetterPublisher.KIND, "poison"), h.get(DeadLetterPublisher.REASON),
                Instant.ofEpochMilli(r.timestamp()), eventId != null && applier.wasApplied(eventId));
    }

    private KafkaConsumer<String, byte[]> reader() {
        Properties props = KafkaClients.connection(config.kafka());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> reader, String topic) {
        List<PartitionInfo> infos = reader.listTopics(READ_TIMEOUT).get(topic);
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private static Integer parseInt(String s, Integer fallback) {
        try {
            return s == null ? fallback : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Long parseLong(String s, Long fallback) {
        try {
            return s == null ? fallback : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
