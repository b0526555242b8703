package io.zhengfeng.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.zhengfeng.contracts.CloudEventHeaders;
import io.zhengfeng.platform.config.PlatformConfig;

/**
 * Publishes outbox rows to Kafka. Per round, in one database transaction: lock the rows of the shards
 * with new events with {@code FOR UPDATE SKIP LOCKED} (a shard another replica holds is skipped, not
 * waited for), read their unpublished events in id order, send them, wait for the broker's
 * acknowledgement of every one, then mark them published. One transaction for every shard that has
 * events (not one per shard): under load the commits of several submissions share one round's
 * queries and one producer batch. A crash before the mark re-publishes the same events with the same
 * {@code ce_id}; consumers drop the duplicates. A row the broker can never take (too large, not a
 * valid record) is parked with its reason, so the rows behind it in its shard still go out.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EntityManager em;
    private final PlatformConfig config;
    private final Instance<AfterPublishHook> hooks;
    private final String applicationName;
    private final Semaphore wakeUps = new Semaphore(0);
    /** Shards with events committed since the last round: a wake-up visits only these. */
    private final Set<Integer> dirtyShards = ConcurrentHashMap.newKeySet();
    private final Counter published;
    private final Counter parked;
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(EntityManager em, PlatformConfig config, Instance<AfterPublishHook> hooks, MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.em = em;
        this.config = config;
        this.hooks = hooks;
        this.applicationName = applicationName;
        this.published = metrics.counter("zhengfeng.outbox.published");
        this.parked = metrics.counter("zhengfeng.outbox.parked.events");
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.outbox().relayEnabled()) {
            return;
        }
        producer = KafkaClients.idempotentProducer(config.kafka(), applicationName + "-outbox");
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** A commit with new events calls this so they leave at once instead of at the next poll. */
    public void wakeUp(int shard) {
        dirtyShards.add(shard);
        wakeUps.release();
    }

    private void wakeUp() {
        wakeUps.release();
    }

    private void loop() {
        long backoffMs = 0;
        long lastFullPass = 0;
        long poll = config.outbox().pollInterval().toNanos();
        long fullPassEvery = poll;
        while (running) {
            try {
                // Commits name their shard, so most rounds visit only those; a full pass picks up what
                // another replica committed and what a failed round left. Full passes that find nothing
                // space out (doubling up to idle-poll-max): an idle service pays about nothing.
                long now = System.nanoTime();
                boolean full = now - lastFullPass >= fullPassEvery;
                int sent = full ? relayOnce() : relayDirty();
                if (full) {
                    lastFullPass = now;
                    fullPassEvery = sent == 0 ? Math.min(fullPassEvery * 2, config.outbox().idlePollMax().toNanos()) : poll;
                } else if (sent > 0) {
                    fullPassEvery = poll;
                }
                backoffMs = 0;
                if (sent == 0 && dirtyShards.isEmpty()) {
                    wakeUps.tryAcquire(config.outbox().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                fullPassEvery = poll;
                backoffMs = Math.min(Math.max(backoffMs * 2, 200), 10_000);
                LOG.warnf("Outbox relay round failed, retrying in %d ms: %s", backoffMs, e.getMessage());
                sleep(backoffMs);
            }
        }
    }

    /** One pass over every shard with pending events; returns how many events were published. */
    public int relayOnce() {
        dirtyShards.clear();
        List<Integer> pending = pendingShards();
        return pending.isEmpty() ? 0 : relay(pending);
    }

    /** One indexed query (published_at IS NULL) keeps an idle service's poll nearly free. */
    private List<Integer> pendingShards() {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select distinct e.shard from OutboxEvent e where e.publishedAt is null and e.parkedAt is null",
                Integer.class).getResultList());
    }

    private int relayDirty() {
        List<Integer> shards = List.copyOf(dirtyShards);
        if (shards.isEmpty()) {
            return 0;
        }
        dirtyShards.removeAll(shards);
        try {
            return relay(shards);
        } catch (RuntimeException e) {
            dirtyShards.addAll(shards);
            throw e;
        }
    }

    private int relay(List<Integer> shards) {
        int sent = QuarkusTransaction.requiringNew().call(() -> relayShards(shards));
        if (sent == config.outbox().batchSize()) {
            dirtyShards.addAll(shards); // a full batch: there may be more
        }
        return sent;
    }

    private int relayShards(List<Integer> shards) {
        @SuppressWarnings("unchecked")
        List<Number> locked = em.createNativeQuery(
                "SELECT shard FROM outbox_shard WHERE shard IN (:shards) ORDER BY shard FOR UPDATE SKIP LOCKED")
                .setParameter("shards", shards).getResultList();
        if (locked.isEmpty()) {
            return 0; // another replica is publishing these shards
        }
        // Id order across the locked shards: each shard's events (hence each subject's) stay in order.
        // setParameterList: setParameter would first try (and fail, with an exception) to read a list as one value
        List<OutboxEvent> batch = em.unwrap(Session.class).createSelectionQuery(
                "from OutboxEvent where shard in :shards and publishedAt is null and parkedAt is null order by id",
                OutboxEvent.class)
                .setParameterList("shards", locked.stream().map(Number::intValue).toList())
                .setMaxResults(config.outbox().batchSize())
                .getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        KafkaProducer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            acks.add(send(p, event));
        }
        List<Long> sentIds = new ArrayList<>(batch.size());
        List<OutboxEvent> sentEvents = new ArrayList<>(batch.size());
        Map<Long, String> unsendable = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Optional<String> never = awaitAck(acks.get(i));
            if (never.isPresent()) {
                unsendable.put(batch.get(i).id, never.get());
            } else {
                sentIds.add(batch.get(i).id);
                sentEvents.add(batch.get(i));
            }
        }
        for (AfterPublishHook hook : hooks) {
            hook.published(sentEvents);
        }
        Instant now = Instant.now();
        if (!sentIds.isEmpty()) {
            em.unwrap(Session.class).createMutationQuery("update OutboxEvent set publishedAt = :now where id in :ids")
                    .setParameter("now", now).setParameterList("ids", sentIds).executeUpdate();
        }
        unsendable.forEach((id, reason) -> park(id, reason, now));
        LOG.debugf("Published %d events of shards %s", sentIds.size(), locked);
        published.increment(sentIds.size());
        return batch.size();
    }

    /** A record that cannot even be built is as unsendable as one the broker refuses. */
    private static Future<RecordMetadata> send(KafkaProducer<String, byte[]> p, OutboxEvent event) {
        try {
            return p.send(toRecord(event));
        } catch (SerializationException | IllegalArgumentException | NullPointerException e) {
            return CompletableFuture.failedFuture(new SerializationException("not a valid record: " + e.getMessage(), e));
        }
    }

    private void park(long id, String reason, Instant now) {
        String why = reason.length() > 1000 ? reason.substring(0, 999) + "…" : reason;
        em.createQuery("update OutboxEvent set parkedAt = :now, parkReason = :reason where id = :id")
                .setParameter("now", now).setParameter("reason", why).setParameter("id", id).executeUpdate();
        parked.increment();
        LOG.errorf("Outbox event %d parked, it can never be sent: %s", id, why);
    }

    static ProducerRecord<String, byte[]> toRecord(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE.getBytes(UTF_8));
        headers.add(CloudEventHeaders.ID, event.eventId.getBytes(UTF_8));
        headers.add(CloudEventHeaders.SOURCE, event.source.getBytes(UTF_8));
        headers.add(CloudEventHeaders.TYPE, event.type.getBytes(UTF_8));
        headers.add(CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt).getBytes(UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, event.subject.getBytes(UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON.getBytes(UTF_8));
        if (event.traceparent != null) {
            headers.add(CloudEventHeaders.TRACEPARENT, event.traceparent.getBytes(UTF_8));
        }
        if (event.requestId != null) {
            headers.add(CloudEventHeaders.REQUEST_ID, event.requestId.getBytes(UTF_8));
        }
        return new ProducerRecord<>(event.topic, null, event.subject, event.payload.getBytes(UTF_8), headers);
    }

    /**
     * Waits for the broker's answer to one record. Empty: acknowledged. A reason: the record can never
     * be sent (too large, not a valid record), so it is parked rather than block its shard. Anything
     * else (broker away, timeout) throws: the round fails, nothing is marked, and it is tried again.
     */
    private static Optional<String> awaitAck(Future<RecordMetadata> ack) {
        try {
            ack.get(30, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (isNeverSendable(cause)) {
                return Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
            throw new IllegalStateException("Broker did not acknowledge the batch: " + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Broker did not acknowledge the batch in time", e);
        }
    }

    static boolean isNeverSendable(Throwable e) {
        return e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException
                || e instanceof InvalidTopicException || e instanceof SerializationException;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = KafkaClients.idempotentProducer(config.kafka(), applicationName + "-outbox");
        }
        return producer;
    }

    /** Published rows are only kept for audit and replay; keeps the table and its index small. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteOldPublished() {
        Instant cutoff = Instant.now().minus(config.outbox().retention());
        QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                "delete from OutboxEvent where publishedAt < :cutoff").setParameter("cutoff", cutoff).executeUpdate());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
