package io.zhengfeng.platform.calendar;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.zhengfeng.contracts.CalendarYearEvent;
import io.zhengfeng.contracts.CloudEventHeaders;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;

/**
 * Reads {@link Topics#CALENDAR} into a {@link Calendars}, in every replica of every service. It
 * uses <em>no consumer group</em>: each instance assigns itself every partition, seeks to the
 * beginning at start and keeps polling, so every replica sees every year event (a group would
 * hand each event to one replica only). Year events carry the whole year, so replay is harmless.
 * The topic is created compacted (one live record per year) if missing, so the beginning of the
 * topic is always the whole calendar however old it is.
 *
 * <p>Plain class (not a bean) so a test can run two independent feeds; {@link CalendarFeedLifecycle}
 * runs one per service instance. A record that cannot be read or applied is logged and skipped: the
 * owner validated it, and a stuck feed would freeze the calendar for everyone.
 */
public final class CalendarFeed implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CalendarFeed.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);

    private final Properties connection;
    private final Calendars calendars;
    private final String clientId;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile long applied;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread worker;

    public CalendarFeed(String bootstrapServers, Calendars calendars, String clientId) {
        this(bootstrapOnly(bootstrapServers), calendars, clientId);
    }

    /** {@code connection}: {@link io.zhengfeng.platform.events.KafkaClients#connection}, TLS/SASL included. */
    public CalendarFeed(Properties connection, Calendars calendars, String clientId) {
        this.connection = connection;
        this.calendars = calendars;
        this.clientId = clientId;
    }

    /** Starts the reading thread; returns at once. */
    public synchronized void start() {
        if (running) {
            return;
        }
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        worker = new Thread(this::loop, "calendar-feed");
        worker.setDaemon(true);
        worker.start();
    }

    /** Whether everything on the topic when the feed started has been applied. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Year events applied so far (older versions skipped are not counted). */
    public long applied() {
        return applied;
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
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
    }

    private void loop() {
        Map<TopicPartition, Long> target = null;
        long nextRefresh = 0;
        try {
            while (running) {
                try {
                    if (System.nanoTime() - nextRefresh >= 0) {
                        Map<TopicPartition, Long> ends = assignNewPartitions();
                        if (target == null && ends != null) {
                            target = ends;
                        }
                        // topic just created: look again at once; then only for partitions added later
                        nextRefresh = System.nanoTime() + (target == null ? Duration.ofMillis(100) : PARTITION_REFRESH).toNanos();
                    }
                    if (consumer.assignment().isEmpty()) {
                        Thread.sleep(100);
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                        apply(r);
                    }
                    if (!caughtUp && target != null && reached(target)) {
                        caughtUp = true;
                        LOG.log(System.Logger.Level.INFO, "Calendar feed caught up (" + applied + " year events applied)");
                    }
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // broker away, metadata errors: the consumer reconnects by itself; wait and go on
                    LOG.log(System.Logger.Level.WARNING, "Calendar feed: " + e, e);
                    sleepQuietly(1000);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            running = false;
        }
    }

    /**
     * Creates the topic if missing, assigns partitions not yet assigned (from the beginning).
     *
     * @return the end offsets at the first successful assignment, null if the topic is not there yet
     */
    private Map<TopicPartition, Long> assignNewPartitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.CALENDAR, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            ensureTopic(connection);
            return null;
        }
        Set<TopicPartition> all = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .collect(Collectors.toSet());
        Set<TopicPartition> added = all.stream().filter(p -> !consumer.assignment().contains(p)).collect(Collectors.toSet());
        if (!added.isEmpty()) {
            Set<TopicPartition> assignment = new java.util.HashSet<>(consumer.assignment());
            assignment.addAll(added);
            consumer.assign(assignment);
            consumer.seekToBeginning(added);
        }
        return consumer.endOffsets(all, Duration.ofSeconds(5));
    }

    private boolean reached(Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        Header type = r.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || !EventTypes.CALENDAR_YEAR_CHANGED.equals(new String(type.value(), UTF_8)) || r.value() == null) {
            return;
        }
        try {
            if (calendars.apply(json.readValue(r.value(), CalendarYearEvent.class))) {
                applied++;
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "Calendar event at " + r.topic() + "-" + r.partition() + "@" + r.offset()
                    + " (key " + r.key() + ") skipped: " + e.getMessage(), e);
        }
    }

    /**
     * Creates {@link Topics#CALENDAR} compacted, one partition (per-year order), if it is missing;
     * if something else created it first (a broker auto-creating it for the relay while this
     * failed), turns compaction on, so old year events are never deleted by retention.
     */
    public static void ensureTopic(String bootstrapServers) {
        ensureTopic(bootstrapOnly(bootstrapServers));
    }

    public static void ensureTopic(Properties connection) {
        try (Admin admin = Admin.create(connection)) {
            NewTopic topic = new NewTopic(Topics.CALENDAR, java.util.Optional.of(1), java.util.Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CALENDAR);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                LOG.log(System.Logger.Level.WARNING, Topics.CALENDAR + " was created without compaction: turning it on");
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                        AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot create or check " + Topics.CALENDAR + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot create or check " + Topics.CALENDAR + ": timed out");
        }
    }

    private static Properties bootstrapOnly(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
