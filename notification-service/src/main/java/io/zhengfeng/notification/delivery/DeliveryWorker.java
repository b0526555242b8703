package io.zhengfeng.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.notification.config.NotificationConfig;
import io.zhengfeng.notification.service.WakeUps;
import io.zhengfeng.notification.service.WorkerLoop;

/**
 * Sends due e-mails and webhook calls, one background thread per replica. A round claims a batch
 * ({@link Deliveries#claim}), sends each outside any transaction and records each outcome as soon as
 * it is known. Replicas share the work through the claim's SKIP LOCKED and its lease.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final Deliveries deliveries;
    private final NotificationConfig.Delivery config;
    private final WakeUps wakeUps;
    private final Clock clock;
    // A failing round (the database away): what was claimed is retried after its lease.
    private final WorkerLoop loop = new WorkerLoop("notification-delivery", LOG, this::roundAndWait);

    public DeliveryWorker(Deliveries deliveries, NotificationConfig config, WakeUps wakeUps, Clock clock) {
        this.deliveries = deliveries;
        this.config = config.delivery();
        this.wakeUps = wakeUps;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ignored) {
        if (config.enabled()) {
            loop.start();
        } else {
            LOG.info("Delivery worker disabled in this replica");
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        loop.stop(() -> wakeUps.wake(WakeUps.Worker.DELIVERY));
    }

    private void roundAndWait() throws InterruptedException {
        if (runOnce() < config.batchSize()) {
            wakeUps.await(WakeUps.Worker.DELIVERY, config.pollInterval());
        }
    }

    /** One round; returns how many attempts it claimed (a full batch means: look again at once). */
    public int runOnce() {
        Instant claimedAt = clock.instant();
        List<Claimed> claimed = deliveries.claim();
        // Half the lease is kept as margin for the send in flight, so no other replica starts the
        // same attempt while this one may still be making it.
        Instant sendBy = claimedAt.plus(config.lease().dividedBy(2));
        for (int i = 0; i < claimed.size(); i++) {
            if (clock.instant().isAfter(sendBy)) {
                deliveries.release(claimed.subList(i, claimed.size()));
                break;
            }
            attempt(claimed.get(i));
        }
        return claimed.size();
    }

    /** A failure to record (the database is away) propagates: the lease brings the attempt back. */
    private void attempt(Claimed c) {
        String answer;
        try {
            answer = c.send().send();
        } catch (DeliveryFailure f) {
            deliveries.failed(c, f);
            return;
        } catch (RuntimeException e) {
            deliveries.failed(c, DeliveryFailure.transientFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
            return;
        }
        deliveries.delivered(c, answer);
    }
}
