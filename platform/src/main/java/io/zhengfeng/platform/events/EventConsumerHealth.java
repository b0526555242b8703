package io.zhengfeng.platform.events;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** Not ready when the consumer thread died: events would pile up with nobody applying them. */
@Readiness
@ApplicationScoped
public class EventConsumerHealth implements HealthCheck {
    private final EventConsumer consumer;

    public EventConsumerHealth(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-consumer").status(consumer.isRunning()).build();
    }
}
