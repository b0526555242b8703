package io.zhengfeng.platform.events;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.platform.config.PlatformConfig;

/**
 * The outbox as ops sees it: rows waiting to be published, the age of the oldest of them, and rows
 * parked as unsendable. Read lazily, when a scrape asks, with one indexed query
 * ({@code published_at IS NULL}) cached for {@code zhengfeng.outbox.gauge-refresh}: a service nobody
 * scrapes pays nothing, one scraped every 15 s pays one small query. If the database is away the last
 * values stay (the database's own alerts say why).
 */
@ApplicationScoped
public class OutboxGauges {
    private static final Logger LOG = Logger.getLogger(OutboxGauges.class);

    private record Snapshot(long backlog, double oldestAgeSeconds, long parked, long takenAtNanos) {
    }

    private final EntityManager em;
    private final MeterRegistry metrics;
    private final Duration refresh;
    private volatile Snapshot last = new Snapshot(0, 0, 0, Long.MIN_VALUE);

    public OutboxGauges(EntityManager em, MeterRegistry metrics, PlatformConfig config) {
        this.em = em;
        this.metrics = metrics;
        this.refresh = config.outbox().gaugeRefresh();
    }

    void register(@Observes StartupEvent ignored) {
        // a meter left by an earlier application in this JVM (tests restart Quarkus) would read a stale bean
        for (String name : new String[] { "zhengfeng.outbox.backlog", "zhengfeng.outbox.oldest.age", "zhengfeng.outbox.parked" }) {
            metrics.find(name).meters().forEach(metrics::remove);
        }
        Gauge.builder("zhengfeng.outbox.backlog", this, g -> g.snapshot().backlog())
                .description("Outbox rows not yet published (parked rows excluded)").register(metrics);
        Gauge.builder("zhengfeng.outbox.oldest.age", this, g -> g.snapshot().oldestAgeSeconds())
                .baseUnit("seconds").description("Age of the oldest unpublished outbox row; 0 when none")
                .register(metrics);
        Gauge.builder("zhengfeng.outbox.parked", this, g -> g.snapshot().parked())
                .description("Outbox rows parked as unsendable, waiting for an operator").register(metrics);
    }

    private synchronized Snapshot snapshot() {
        Snapshot s = last;
        if (s.takenAtNanos() != Long.MIN_VALUE && System.nanoTime() - s.takenAtNanos() < refresh.toNanos()) {
            return s;
        }
        try {
            last = QuarkusTransaction.requiringNew().call(this::query);
        } catch (RuntimeException e) {
            LOG.debugf("Outbox gauges not refreshed: %s", e.getMessage());
        }
        return last;
    }

    private Snapshot query() {
        Object[] row = em.createQuery("""
                select sum(case when e.parkedAt is null then 1 else 0 end),
                       min(case when e.parkedAt is null then e.occurredAt end),
                       sum(case when e.parkedAt is null then 0 else 1 end)
                from OutboxEvent e where e.publishedAt is null""", Object[].class).getSingleResult();
        long backlog = row[0] == null ? 0 : ((Number) row[0]).longValue();
        Instant oldest = (Instant) row[1];
        long parked = row[2] == null ? 0 : ((Number) row[2]).longValue();
        double age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
        return new Snapshot(backlog, age, parked, System.nanoTime());
    }
}
