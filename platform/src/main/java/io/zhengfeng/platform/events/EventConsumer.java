package io.zhengfeng.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.contracts.CloudEventHeaders;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.config.PlatformConfig;

/**
 * Feeds the service's {@link EventHandler}s from Kafka. Offsets are committed only after the
 * effects committed, so a crash means redelivery, which {@link EventApplier} turns into a no-op.
 * A record that keeps failing is copied to {@code <topic>.dlt} and skipped: it never blocks its partition.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final Instance<EventHandler> handlers;
    private final EventApplier applier;
    private final PlatformConfig config;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final String groupId;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> deadLetters;
    private Thread worker;

    public EventConsumer(Instance<EventHandler> handlers, EventApplier applier, PlatformConfig config, ObjectMapper json,
            MeterRegistry metrics, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.handlers = handlers;
        this.applier = applier;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.groupId = config.consumer().groupId().orElse(applicationName);
    }

    void start(@Observes StartupEvent ignored) {
        List<String> topics = handlers.stream().map(EventHandler::topic).distinct().toList();
        if (!config.consumer().enabled() || topics.isEmpty()) {
            return;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = KafkaClients.idempotentProducer(config.kafka().bootstrapServers(), groupId + "-dlt");
        consumer.subscribe(topics);
        running = true;
        worker = new Thread(this::loop, "event-consumer");
        worker.setDaemon(true);
        worker.start();
        LOG.infof("Consuming %s as group %s", topics, groupId);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    private void loop() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    process(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Event consumer stopped; the service is not ready until restarted", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            running = false;
        }
    }

    /** Visible to the readiness check: a dead consumer means events pile up unseen. */
    public boolean isRunning() {
        return running || consumer == null;
    }

    void process(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = headers(record);
        String type = headers.get(CloudEventHeaders.TYPE);
        EventHandler handler = handlers.stream()
                .filter(h -> h.topic().equals(record.topic()) && h.types().contains(type))
                .findFirst().orElse(null);
        if (handler == null) {
            return; // not ours to apply
        }
        String id = headers.get(CloudEventHeaders.ID);
        if (id == null || id.isBlank() || record.value() == null) {
            deadLetter(record, "missing ce_id or value");
            return;
        }
        IncomingEvent event = new IncomingEvent(id, type, headers.get(CloudEventHeaders.SOURCE),
                headers.get(CloudEventHeaders.SUBJECT), parseTime(headers.get(CloudEventHeaders.TIME)),
                record.topic(), record.partition(), record.offset(), new String(record.value(), UTF_8), json);
        MDC.put("requestId", headers.getOrDefault(CloudEventHeaders.REQUEST_ID, id));
        try {
            applyWithRetries(handler, event, record);
        } finally {
            MDC.remove("requestId");
        }
    }

    private void applyWithRetries(EventHandler handler, IncomingEvent event, ConsumerRecord<String, byte[]> record) {
        int maxAttempts = Math.max(1, config.consumer().maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = applier.applyOnce(handler, event);
                metrics.counter("zhengfeng.events.consumed", "type", event.type(), "outcome", applied ? "applied" : "duplicate")
                        .increment();
                return;
            } catch (PoisonEventException e) {
                deadLetter(record, e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts) {
                    LOG.errorf(e, "Giving up on %s after %d attempts", event, attempt);
                    deadLetter(record, e.toString());
                    return;
                }
                LOG.warnf("Attempt %d at %s failed: %s", attempt, event, e.getMessage());
                sleep(200L * attempt);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("zf_dlt_reason", truncate(reason).getBytes(UTF_8));
        headers.add("zf_dlt_topic", record.topic().getBytes(UTF_8));
        headers.add("zf_dlt_partition", Integer.toString(record.partition()).getBytes(UTF_8));
        headers.add("zf_dlt_offset", Long.toString(record.offset()).getBytes(UTF_8));
        headers.add("zf_dlt_group", groupId.getBytes(UTF_8));
        try {
            deadLetters.send(new ProducerRecord<>(Topics.deadLetter(record.topic()), null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Not skipping it silently: the record stays uncommitted and comes back after a restart.
            throw new IllegalStateException("Could not dead-letter " + record.topic() + "@" + record.offset(), e);
        }
        metrics.counter("zhengfeng.events.dead_lettered", "topic", record.topic()).increment();
        LOG.warnf("Dead-lettered %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> map = new HashMap<>();
        for (Header h : record.headers()) {
            if (h.value() != null) {
                map.put(h.key(), new String(h.value(), UTF_8));
            }
        }
        return map;
    }

    private static Instant parseTime(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) : s;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
