package io.zhengfeng.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zhengfeng.notification.config.NotificationConfig;
import io.zhengfeng.notification.persistence.Channel;

/**
 * One {@link TargetBreaker} per delivery target, created on first use: {@code smtp} for every e-mail
 * (one SMTP server is configured), {@code webhook:<id>} for each webhook. Each has a gauge
 * {@code zhengfeng.notification.breaker.state{target}}: 0 closed, 1 open, 2 half-open (probing).
 */
@ApplicationScoped
public class TargetBreakers {
    private static final Logger LOG = Logger.getLogger(TargetBreakers.class);
    static final String SMTP = "smtp";

    private final Map<String, TargetBreaker> breakers = new ConcurrentHashMap<>();
    private final NotificationConfig.Breaker config;
    private final Duration probeTimeout;
    private final MeterRegistry metrics;
    private final Clock clock;

    public TargetBreakers(NotificationConfig config, MeterRegistry metrics, Clock clock) {
        this.config = config.delivery().breaker();
        this.probeTimeout = config.delivery().lease();
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The target a delivery goes to. */
    static String targetOf(Channel channel, String recipient) {
        return channel == Channel.EMAIL ? SMTP : recipient;
    }

    TargetBreaker of(String target) {
        return breakers.computeIfAbsent(target, t -> {
            TargetBreaker b = new TargetBreaker(config.failureThreshold(), config.initialDelay(), config.maxDelay(),
                    probeTimeout);
            // A meter left by an earlier application in this JVM (tests restart Quarkus) would read a stale breaker.
            metrics.find("zhengfeng.notification.breaker.state").tag("target", t).meters().forEach(metrics::remove);
            Gauge.builder("zhengfeng.notification.breaker.state", b, x -> x.state().ordinal())
                    .tag("target", t).description("Delivery target's circuit breaker: 0 closed, 1 open, 2 half-open")
                    .register(metrics);
            return b;
        });
    }

    /** Targets whose breaker is open or probing: only a probe may be claimed for them. */
    Set<String> notClosed() {
        return breakers.entrySet().stream()
                .filter(e -> !e.getValue().isClosed())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** The earliest instant an open breaker lets a probe go, if any is open. */
    Optional<Instant> nextProbeAt() {
        return breakers.values().stream().map(TargetBreaker::nextProbeAt).flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    void answered(String target) {
        TargetBreaker b = of(target);
        if (!b.isClosed()) {
            LOG.infof("Delivery target %s answers again: breaker closed", target);
        }
        b.answered();
    }

    void down(String target) {
        TargetBreaker b = of(target);
        boolean wasOpen = b.state() == TargetBreaker.State.OPEN;
        b.down(clock.instant());
        if (!wasOpen && b.state() == TargetBreaker.State.OPEN) {
            LOG.infof("Delivery target %s unreachable: breaker open, next probe at %s", target, b.nextProbeAt().orElse(null));
        }
    }
}
