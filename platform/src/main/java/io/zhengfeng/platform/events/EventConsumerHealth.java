package io.zhengfeng.platform.events;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import io.zhengfeng.platform.config.PlatformConfig;

/**
 * Readiness: a consumer is polling. Liveness: its loop still turns — a loop that stopped for good
 * (stuck, or its thread gone) fails liveness so the platform restarts the process.
 */
@ApplicationScoped
public class EventConsumerHealth {
    private final EventConsumer consumer;
    private final Duration stalledAfter;

    public EventConsumerHealth(EventConsumer consumer, PlatformConfig config) {
        this.consumer = consumer;
        // a failed loop waits up to retry-max before its restart; give it that and a margin
        this.stalledAfter = config.consumer().retryMax().multipliedBy(2).plusMinutes(1);
    }

    @Produces
    @Readiness
    HealthCheck consuming() {
        return () -> HealthCheckResponse.named("event-consumer").status(consumer.isConsuming()).build();
    }

    @Produces
    @Liveness
    HealthCheck turning() {
        return () -> HealthCheckResponse.named("event-consumer-loop").status(consumer.isTurning(stalledAfter)).build();
    }
}
