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
    private final WorkerLoop loop = new WorkerLoop("daily-digest", LOG, this::checkAndWait);
    private final Object sleeper = new Object();

    public DigestScheduler(DailyDigest digest, NotificationConfig config) {
        this.digest = digest;
        this.enabled = config.digest().enabled();
    }

    void start(@Observes StartupEvent ignored) {
        if (enabled) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        loop.stop(() -> {
            synchronized (sleeper) {
                sleeper.notifyAll();
            }
        });
    }

    private void checkAndWait() throws InterruptedException {
        digest.sendIfDue();
        synchronized (sleeper) {
            sleeper.wait(CHECK_EVERY.toMillis());
        }
    }
}
