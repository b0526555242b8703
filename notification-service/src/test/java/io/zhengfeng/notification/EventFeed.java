package io.zhengfeng.notification;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhengfeng.contracts.AccountEvent;
import io.zhengfeng.contracts.CloudEventHeaders;
import io.zhengfeng.contracts.ComplaintEvent;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.security.Roles;
import io.zhengfeng.testing.TestKafka;

/**
 * Puts events on the real broker as the gateway and complaint-service publish them: CloudEvents in
 * binary mode, key = aggregate id.
 */
final class EventFeed implements AutoCloseable {
    private final ObjectMapper json;
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestKafka.clientConfig(),
            new StringSerializer(), new ByteArraySerializer());

    EventFeed(ObjectMapper json) {
        this.json = json;
    }

    /** The gateway announces a spokesperson account with this e-mail address and language. */
    void spokesperson(String username, String email, String locale) {
        AccountEvent account = new AccountEvent(UUID.randomUUID(), username, username, email, Set.of(Roles.SPOKESPERSON),
                null, locale, true, Instant.now());
        send(Topics.ACCOUNTS, EventTypes.ACCOUNT_UPSERTED, Sources.GATEWAY, account.accountId(), account);
    }

    /** complaint-service announces a new web complaint, its acceptance due in a day. */
    void complaintSubmitted(UUID complaintId, String trackingNumber) {
        Instant now = Instant.now();
        ComplaintEvent complaint = new ComplaintEvent(complaintId, trackingNumber, "complaint", "web", "urban_planning",
                "SUBMITTED", null, null, null, false,
                List.of(new Deadline(Deadline.ACCEPTANCE, now, now.plus(1, ChronoUnit.DAYS))), now);
        send(Topics.COMPLAINTS, EventTypes.COMPLAINT_SUBMITTED, Sources.COMPLAINT_SERVICE, complaintId, complaint);
    }

    private void send(String topic, String type, String source, Object aggregateId, Object payload) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, aggregateId.toString(),
                    json.writeValueAsBytes(payload));
            header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
            header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
            header(record, CloudEventHeaders.SOURCE, source);
            header(record, CloudEventHeaders.TYPE, type);
            header(record, CloudEventHeaders.TIME, Instant.now().toString());
            header(record, CloudEventHeaders.SUBJECT, aggregateId.toString());
            header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            producer.send(record).get();
        } catch (JsonProcessingException | ExecutionException e) {
            throw new IllegalStateException("could not publish " + type, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
