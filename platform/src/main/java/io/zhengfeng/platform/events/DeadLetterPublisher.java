package io.zhengfeng.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import io.zhengfeng.contracts.Topics;

/**
 * Copies a poison record to {@code <topic>.dlt} with the reason and its origin in headers, so an
 * admin can read why and re-drive it after a fix ({@link DeadLetters}).
 */
final class DeadLetterPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    static final String REASON = "zf_dlt_reason";
    static final String TOPIC = "zf_dlt_topic";
    static final String PARTITION = "zf_dlt_partition";
    static final String OFFSET = "zf_dlt_offset";
    static final String GROUP = "zf_dlt_group";
    static final String KIND = "zf_dlt_kind";

    private final KafkaProducer<String, byte[]> producer;
    private final String groupId;

    DeadLetterPublisher(KafkaProducer<String, byte[]> producer, String groupId) {
        this.producer = producer;
        this.groupId = groupId;
    }

    /** @throws IllegalStateException when the broker did not take it; the caller retries the record */
    void park(ConsumerRecord<String, byte[]> record, String kind, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, truncate(reason).getBytes(UTF_8));
        headers.add(KIND, kind.getBytes(UTF_8));
        headers.add(TOPIC, record.topic().getBytes(UTF_8));
        headers.add(PARTITION, Integer.toString(record.partition()).getBytes(UTF_8));
        headers.add(OFFSET, Long.toString(record.offset()).getBytes(UTF_8));
        headers.add(GROUP, groupId.getBytes(UTF_8));
        try {
            producer.send(new ProducerRecord<>(Topics.deadLetter(record.topic()), null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not dead-letter " + record.topic() + "@" + record.offset(), e);
        }
        LOG.warnf("Dead-lettered %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(), kind, reason);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) : s;
    }
}
