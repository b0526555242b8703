package io.zhengfeng.notification.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.notification.config.NotificationConfig;

/**
 * Looks twice a minute whether today's digest is due. Every replica looks; the digest's own
 * primary key lets one of them send it. A replica started after 09:00 sends a missed digest late
 * rather than never.
 */
@ApplicationScoped
public class DigestScheduler {
    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    private final DailyDigest digest;
    private final boolean enabled;
    private volatile Thread thread;

    public DigestScheduler(DailyDigest digest, NotificationConfig config) {
        this.digest = digest;
        this.enabled = config.digest().enabled();
    }

    void start(@Observes StartupEvent ignored) {
        if (!enabled) {
            return;
        }
        thread = new Thread(this::loop, "daily-digest");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                digest.sendIfDue();
            } catch (RuntimeException e) {
                LOG.warnf("Daily digest check failed, trying again in %s: %s", CHECK_EVERY, e.getMessage());
            }
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
