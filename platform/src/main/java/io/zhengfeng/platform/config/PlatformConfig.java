package io.zhengfeng.platform.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every service shares; each has a working local default and an env-var override. */
@ConfigMapping(prefix = "zhengfeng")
public interface PlatformConfig {

    Kafka kafka();

    Outbox outbox();

    Consumer consumer();

    Pii pii();

    /** Keys of {@link io.zhengfeng.platform.pii.PersonalDataCipher}; set only where personal data is held. */
    interface Pii {
        /** {@code ZF_PII_KEYS}: {@code id:base64key} pairs, comma-separated. */
        Optional<String> keys();

        /** {@code ZF_PII_ACTIVE_KEY}: the id new values are sealed with. */
        Optional<String> activeKey();

        /** {@code ZF_PII_REKEY_BATCH_SIZE}: rows per batch of the re-encryption job (pii/RekeyJob). */
        @WithDefault("200")
        int rekeyBatchSize();
    }

    Calendar calendar();

    Tracing tracing();

    interface Tracing {
        /** One log line per finished span ({@code ZF_TRACE_LOG}): the local run's trace exporter. */
        @WithDefault("false")
        boolean log();
    }

    Management management();

    /** Where health and metrics are answered (platform {@code web/ManagementOnMainPort}). */
    interface Management {
        /**
         * Also answer {@code /q/health} and {@code /q/metrics} on the main port, besides the management
         * port: on in the local profile only, where run.sh and the benches expect them there.
         */
        @WithDefault("false")
        boolean alsoOnMainPort();
    }

    interface Kafka {
        /** {@code ZHENGFENG_KAFKA_BOOTSTRAP_SERVERS}; services map {@code ZF_KAFKA_BOOTSTRAP} onto it. */
        @WithDefault("localhost:9092")
        String bootstrapServers();

        /**
         * Any Kafka client property for every producer, consumer and admin client of the service (TLS,
         * SASL): {@code zhengfeng.kafka.client."security.protocol"=SASL_SSL}, or the environment variable
         * {@code ZF_KAFKA_CLIENT_SECURITY_PROTOCOL} (platform {@code events/KafkaClients}).
         */
        Map<String, String> client();
    }

    interface Outbox {
        /** Relay runs in this service instance. Off only for tests that drive the relay themselves. */
        @WithDefault("true")
        boolean relayEnabled();

        /** How long the relay sleeps when it found nothing; a commit wakes it earlier. */
        @WithDefault("250ms")
        Duration pollInterval();

        /**
         * Longest gap between two full passes over the shards while they find nothing (a commit in this
         * replica still wakes the relay at once); bounds how late another replica's leftovers are seen.
         */
        @WithDefault("2s")
        Duration idlePollMax();

        @WithDefault("500")
        int batchSize();

        /** The outbox gauges (backlog, oldest age, parked) re-query at most this often, on a scrape. */
        @WithDefault("10s")
        Duration gaugeRefresh();

        /** Published rows are kept this long for audit and replay, then deleted. */
        @WithDefault("7d")
        Duration retention();
    }

    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        /** Defaults to {@code quarkus.application.name}: replicas of one service share the work. */
        Optional<String> groupId();

        /**
         * Attempts before a record whose failure is neither known transient nor poison goes to the
         * dead-letter topic — and only if the database answers then (else it is retried on).
         */
        @WithDefault("5")
        int maxAttempts();

        /** First pause of a partition held back by a transient failure; doubles up to {@link #retryMax()}. */
        @WithDefault("200ms")
        Duration retryInitial();

        @WithDefault("30s")
        Duration retryMax();

        /**
         * Records applied per transaction (a poll is cut into batches of this size): fewer commits per
         * event, yet a transaction stays short, so its first inbox item is not held back from readers
         * (and the live stream's look-back) for long. 1 = one transaction per record.
         */
        @WithDefault("20")
        int batchSize();
    }

    /** The working-day calendar feed (platform {@code calendar/CalendarFeedLifecycle}). */
    interface Calendar {
        /** Read {@code zhengfeng.calendar} in this instance; off only where no deadline is computed (gateway). */
        @WithDefault("true")
        boolean feedEnabled();

        /** How long start-up waits for the feed to catch up before going on (not ready until it has). */
        @WithDefault("10s")
        Duration startWait();
    }
}
