package io.zhengfeng.platform.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.platform.config.PlatformConfig;

/**
 * Runs this instance's {@link CalendarFeed} into the {@link Calendars} bean, and is the readiness
 * check "calendar-feed": not ready until the feed has applied what the topic held at start, so an
 * instance never computes a deadline on the bundled data when the owner published newer years.
 * {@code zhengfeng.calendar.feed-enabled=false} turns it off (the bundled data is used as is);
 * {@code zhengfeng.calendar.start-wait} (10 s) bounds how long start-up waits for it.
 */
@Readiness
@ApplicationScoped
public class CalendarFeedLifecycle implements HealthCheck {
    private final Calendars calendars;
    private final PlatformConfig config;
    private final boolean enabled;
    private final String applicationName;
    private final java.time.Duration startWait;
    private CalendarFeed feed;

    public CalendarFeedLifecycle(Calendars calendars, PlatformConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.calendars = calendars;
        this.config = config;
        this.enabled = config.calendar().feedEnabled();
        this.startWait = config.calendar().startWait();
        this.applicationName = applicationName;
    }

    void start(@Observes StartupEvent ignored) {
        if (enabled) {
            feed = new CalendarFeed(io.zhengfeng.platform.events.KafkaClients.connection(config.kafka()), calendars, applicationName + "-calendar");
            feed.start();
            // a short, bounded wait so an instance normally starts with the owner's calendar; past
            // it (broker away) the service starts and stays not-ready until the feed caught up
            long until = System.nanoTime() + startWait.toNanos();
            while (!feed.isCaughtUp() && System.nanoTime() < until) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (feed != null) {
            feed.close();
        }
    }

    /** Whether the feed applied everything the topic held when it started (true when disabled). */
    public boolean caughtUp() {
        return feed == null || feed.isCaughtUp();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("calendar-feed")
                .status(caughtUp() && (feed == null || feed.isRunning()))
                .withData("appliedYearEvents", feed == null ? 0 : feed.applied())
                .build();
    }
}
