package io.zhengfeng.notification.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.notification.config.NotificationConfig;
import io.zhengfeng.notification.persistence.Channel;

/**
 * {@code zhengfeng.notification.deliveries.pending{channel}}: e-mails and webhook calls not yet
 * delivered nor dead (the backlog a breaker holds back). Counted on the {@code (status, next_attempt_at)}
 * index when a scrape asks, at most every {@code delivery.gauge-refresh}; nobody scraping costs nothing.
 */
@ApplicationScoped
public class DeliveryGauges {
    private static final List<Channel> DELIVERED_BY_WORKER = List.of(Channel.EMAIL, Channel.WEBHOOK);

    private final EntityManager em;
    private final MeterRegistry metrics;
    private final Duration refresh;
    private volatile Map<Channel, Long> pending = Map.of();
    private volatile long takenAt = Long.MIN_VALUE;

    public DeliveryGauges(EntityManager em, MeterRegistry metrics, NotificationConfig config) {
        this.em = em;
        this.metrics = metrics;
        this.refresh = config.delivery().gaugeRefresh();
    }

    void register(@Observes StartupEvent ignored) {
        // a meter left by an earlier application in this JVM (tests restart Quarkus) would read a stale bean
        metrics.find("zhengfeng.notification.deliveries.pending").meters().forEach(metrics::remove);
        for (Channel channel : DELIVERED_BY_WORKER) {
            Gauge.builder("zhengfeng.notification.deliveries.pending", this, g -> g.pending(channel))
                    .tag("channel", channel.name().toLowerCase())
                    .description("Deliveries waiting to be made (pending), per channel").register(metrics);
        }
    }

    private synchronized double pending(Channel channel) {
        if (takenAt == Long.MIN_VALUE || System.nanoTime() - takenAt >= refresh.toNanos()) {
            try {
                pending = QuarkusTransaction.requiringNew().call(this::count);
                takenAt = System.nanoTime();
            } catch (RuntimeException e) {
                // the database is away: keep the last values
            }
        }
        return pending.getOrDefault(channel, 0L);
    }

    private Map<Channel, Long> count() {
        Map<Channel, Long> counts = new EnumMap<>(Channel.class);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT channel, COUNT(*) FROM notification WHERE status = 'PENDING' GROUP BY channel").getResultList();
        for (Object[] row : rows) {
            counts.put(Channel.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }
}
