package io.zhengfeng.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.platform.config.PlatformConfig;

/**
 * Feeds the service's {@link EventHandler}s from Kafka, in order per partition: a poll's records in
 * batches of {@code batch-size}, one transaction each, or one record at a time while a partition is
 * held back or from a batch that failed on.
 * <ul>
 *   <li>Offsets are committed only after the effects committed; a crash or a failed commit means
 *       redelivery, which {@link EventApplier} turns into a no-op.</li>
 *   <li>A transient failure holds its partition back on that record ({@link PartitionBackoff}) for
 *       as long as it lasts; only poison goes to {@code <topic>.dlt} ({@link EventDispatcher}).</li>
 *   <li>A loop that fails for any reason gets a new consumer after a pause; liveness reports a loop
 *       that stopped turning ({@link EventConsumerHealth}).</li>
 * </ul>
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final List<String> topics;
    private final EventDispatcher dispatcher;
    private final PlatformConfig config;
    private final MeterRegistry metrics;
    private final String groupId;
    private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile long lastTurnNanos = System.nanoTime();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread worker;

    public EventConsumer(Instance<EventHandler> handlers, EventDispatcher dispatcher, PlatformConfig config,
            MeterRegistry metrics, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.topics = handlers.stream().map(EventHandler::topic).distinct().toList();
        this.dispatcher = dispatcher;
        this.config = config;
        this.metrics = metrics;
        this.groupId = config.consumer().groupId().orElse(applicationName);
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.consumer().enabled() || topics.isEmpty()) {
            return;
        }
        for (String topic : topics) {
            AtomicLong lag = lagByTopic.computeIfAbsent(topic, t -> new AtomicLong());
            metrics.gauge("zhengfeng.consumer.lag", Tags.of("group", groupId, "topic", topic), lag, AtomicLong::get);
        }
        running = true;
        worker = new Thread(this::superviseLoop, "event-consumer");
        worker.setDaemon(true);
        worker.start();
        LOG.infof("Consuming %s as group %s", topics, groupId);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whatever ends a loop, a new consumer takes over after a pause: nothing stops consuming but shutdown. */
    private void superviseLoop() {
        long pauseMs = config.consumer().retryInitial().toMillis();
        while (running) {
            try (DeadLetterPublisher deadLetters = new DeadLetterPublisher(
                    KafkaClients.idempotentProducer(config.kafka(), groupId + "-dlt"), groupId)) {
                consume(deadLetters);
            } catch (WakeupException | InterruptException e) {
                if (running) {
                    LOG.warn("Event consumer woken unexpectedly; starting a new one");
                }
            } catch (Throwable e) {
                metrics.counter("zhengfeng.consumer.restarts", "group", groupId).increment();
                LOG.errorf(e, "Event consumer loop failed; a new consumer starts in %d ms", pauseMs);
                sleep(pauseMs);
                pauseMs = Math.min(pauseMs * 2, config.consumer().retryMax().toMillis());
                continue;
            }
            pauseMs = config.consumer().retryInitial().toMillis();
        }
    }

    private void consume(DeadLetterPublisher deadLetters) {
        PartitionBackoff backoff = new PartitionBackoff(config.consumer().retryInitial(), config.consumer().retryMax());
        KafkaConsumer<String, byte[]> c = newConsumer();
        try {
            consumer = c;
            c.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    backoff.forget(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                lastTurnNanos = System.nanoTime();
                backoff.resumeDue(c);
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
                records.forEach(all::add); // partition by partition, each in offset order
                int batched = settleInBatches(all, records, backoff, done);
                Set<TopicPartition> held = new HashSet<>();
                for (ConsumerRecord<String, byte[]> record : all.subList(batched, all.size())) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (held.contains(partition)) {
                        continue; // held back on an earlier record: the rest of the partition waits behind it
                    }
                    if (!settle(record, partition, c, backoff, deadLetters)) {
                        held.add(partition);
                        continue;
                    }
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                commit(c, done);
                measureLag(c);
            }
        } finally {
            consumer = null;
            c.close(Duration.ofSeconds(5)); // not the default 30 s when the broker is away
        }
    }

    /**
     * Applies the poll's records in batches of {@code batch-size}, one transaction each, while no
     * partition of the poll is held back on a failure and no batch fails.
     *
     * @return how many leading records of {@code all} are settled; the rest go one by one
     *         ({@link EventDispatcher#dispatchAll} left a failed batch unapplied)
     */
    private int settleInBatches(List<ConsumerRecord<String, byte[]>> all, ConsumerRecords<String, byte[]> records,
            PartitionBackoff backoff, Map<TopicPartition, OffsetAndMetadata> done) {
        int size = config.consumer().batchSize();
        if (size <= 1 || records.partitions().stream().anyMatch(p -> backoff.failures(p) > 0)) {
            return 0;
        }
        int settled = 0;
        while (settled < all.size()) {
            List<ConsumerRecord<String, byte[]>> batch = all.subList(settled, Math.min(all.size(), settled + size));
            if (dispatcher.dispatchAll(batch).isEmpty()) {
                break;
            }
            for (ConsumerRecord<String, byte[]> r : batch) {
                done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            settled += batch.size();
        }
        return settled;
    }

    /** @return true when the record is settled (applied, a duplicate, not ours, or dead-lettered) */
    private boolean settle(ConsumerRecord<String, byte[]> record, TopicPartition partition,
            KafkaConsumer<String, byte[]> c, PartitionBackoff backoff, DeadLetterPublisher deadLetters) {
        EventDispatcher.Outcome outcome = dispatcher.dispatch(record, backoff.failures(partition));
        if (outcome.result() == EventDispatcher.Result.POISON) {
            try {
                deadLetters.park(record, "poison", outcome.reason());
                metrics.counter("zhengfeng.events.dead_lettered", "topic", record.topic()).increment();
            } catch (RuntimeException e) {
                outcome = new EventDispatcher.Outcome(EventDispatcher.Result.RETRY, e.toString()); // broker away
            }
        }
        if (outcome.result() == EventDispatcher.Result.RETRY) {
            Duration delay = backoff.holdBack(c, partition, record.offset());
            LOG.debugf("Holding %s back at offset %d for %d ms", partition, record.offset(), delay.toMillis());
            return false;
        }
        backoff.succeeded(partition);
        return true;
    }

    /** A failed commit (rebalance, broker away) only means redelivery, which the applier ignores. */
    private void commit(KafkaConsumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            c.commitSync(done, Duration.ofSeconds(10));
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            metrics.counter("zhengfeng.consumer.commit_failures", "group", groupId).increment();
            LOG.warnf("Commit of %s failed (%s); those records will come again and be recognised", done.keySet(), e.toString());
        }
    }

    private void measureLag(KafkaConsumer<String, byte[]> c) {
        Map<String, Long> lag = new HashMap<>();
        for (TopicPartition p : c.assignment()) {
            lag.merge(p.topic(), c.currentLag(p).orElse(0), Long::sum);
        }
        lagByTopic.forEach((topic, value) -> value.set(lag.getOrDefault(topic, 0L)));
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties props = KafkaClients.connection(config.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Consumer group shared by this service's replicas. */
    public String groupId() {
        return groupId;
    }

    /** The topics this service's handlers read. */
    public List<String> topics() {
        return topics;
    }

    /** For liveness: the loop turns at least every poll; a loop stuck or gone stops turning. */
    public boolean isTurning(Duration within) {
        return !running || System.nanoTime() - lastTurnNanos < within.toNanos();
    }

    /** For readiness: a consumer exists and polls (false while a failed loop waits for its restart). */
    public boolean isConsuming() {
        return !running || consumer != null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
