package io.zhengfeng.platform.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.contracts.CloudEventHeaders;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.config.PlatformConfig;

/**
 * Which tokens were revoked, from the gateway's {@link Topics#ACCOUNTS} feed
 * ({@link EventTypes#ACCOUNT_TOKENS_REVOKED}: disabled, roles changed, password reset). Like the
 * calendar feed, every instance reads every partition from the beginning without a consumer
 * group, so each replica knows every revocation within a poll (200 ms) of its publication.
 * A token is revoked when it was issued ({@value #ISSUED_AT_MILLIS}, the gateway's millisecond
 * issue time; else the end of its {@code iat} second) at or before the revocation.
 */
@ApplicationScoped
public class TokenRevocations {
    private static final Logger LOG = Logger.getLogger(TokenRevocations.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Claim with the issue time in epoch milliseconds (the gateway's tokens carry it). */
    public static final String ISSUED_AT_MILLIS = "iat_ms";

    private final Map<String, Long> revokedUpTo = new ConcurrentHashMap<>();
    private final PlatformConfig config;
    private final boolean enabled;
    private final String applicationName;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public TokenRevocations(PlatformConfig config,
            @ConfigProperty(name = "zhengfeng.revocations.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.enabled = enabled;
        this.applicationName = applicationName;
    }

    /** @param issuedAtMillis the token's issue time, epoch milliseconds */
    public boolean isRevoked(String username, long issuedAtMillis) {
        Long upTo = username == null ? null : revokedUpTo.get(username.toLowerCase(java.util.Locale.ROOT));
        return upTo != null && issuedAtMillis <= upTo;
    }

    /** From {@value #ISSUED_AT_MILLIS} when present, else the last millisecond of the {@code iat} second. */
    public static long issuedAtMillis(Object iatMillisClaim, long iatSeconds) {
        if (iatMillisClaim instanceof Number n) {
            return n.longValue();
        }
        if (iatMillisClaim != null) {
            try {
                return Long.parseLong(iatMillisClaim.toString());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return iatSeconds * 1000 + 999;
    }

    /** Reads {@code upn} (or {@code preferred_username}, or {@code sub}) and {@code iat} of a bearer token; only used to refuse, never to accept. */
    public boolean isRevokedBearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || revokedUpTo.isEmpty()) {
            return false;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length < 2) {
            return false;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            // the name SmallRye JWT gives the principal: upn, else preferred_username (external IdPs), else sub
            String user = claims.hasNonNull("upn") ? claims.get("upn").asText()
                    : claims.hasNonNull("preferred_username") ? claims.get("preferred_username").asText() : claims.path("sub").asText(null);
            JsonNode ms = claims.get(ISSUED_AT_MILLIS);
            return isRevoked(user, issuedAtMillis(ms != null && ms.canConvertToLong() ? ms.asLong() : null, claims.path("iat").asLong(0)));
        } catch (Exception e) {
            return false; // not readable: verification refuses it anyway
        }
    }

    void revoke(String username, Instant upTo) {
        revokedUpTo.merge(username.toLowerCase(java.util.Locale.ROOT), upTo.toEpochMilli(), Math::max);
    }

    void start(@Observes StartupEvent ignored) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "token-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        Properties props = io.zhengfeng.platform.events.KafkaClients.connection(config.kafka());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationName + "-revocations");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            List<TopicPartition> assigned = List.of();
            long nextRefresh = 0;
            while (running) {
                try {
                    if (System.nanoTime() >= nextRefresh) {
                        List<TopicPartition> partitions = c.partitionsFor(Topics.ACCOUNTS, Duration.ofSeconds(5)).stream()
                                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                        if (!partitions.equals(assigned)) {
                            c.assign(partitions);
                            c.seekToBeginning(partitions);
                            assigned = partitions;
                        }
                        // the topic may not exist yet (no account changed so far): look again soon
                        nextRefresh = System.nanoTime() + Duration.ofSeconds(assigned.isEmpty() ? 1 : 30).toNanos();
                    }
                    if (assigned.isEmpty()) {
                        Thread.sleep(200);
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                        apply(r);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (org.apache.kafka.common.KafkaException e) {
                    // broker away or slow: keep trying, a dead feed would let revoked tokens in for good
                    LOG.warnf("Token revocation feed: %s; retrying", e.getMessage());
                    Thread.sleep(1000);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.error("Token revocation feed stopped", e);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        Header type = r.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || !EventTypes.ACCOUNT_TOKENS_REVOKED.equals(new String(type.value(), UTF_8)) || r.value() == null) {
            return;
        }
        try {
            JsonNode event = JSON.readTree(r.value());
            revoke(event.get("username").asText(), Instant.parse(event.get("occurredAt").asText()));
        } catch (Exception e) {
            LOG.warnf("Unreadable revocation at %s-%d@%d skipped: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }
}
