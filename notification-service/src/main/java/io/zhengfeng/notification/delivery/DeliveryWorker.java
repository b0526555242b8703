package io.zhengfeng.notification.delivery;

import java.time.Clock;
import java.time.Duration;
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

    /**
     * A full batch looks again at once; otherwise the worker sleeps until the next poll, a wake-up, or
     * the moment an open breaker lets its probe through, whichever comes first. A target whose breaker
     * is open costs nothing meanwhile: its deliveries are not claimed (see {@link Deliveries#claim}).
     */
    private void roundAndWait() throws InterruptedException {
        if (runOnce() < config.batchSize()) {
            Duration wait = config.pollInterval();
            var probe = deliveries.nextProbeAt();
            if (probe.isPresent()) {
                Duration untilProbe = Duration.between(clock.instant(), probe.get());
                // a probe already due but nothing of its target due: the normal poll finds it
                if (untilProbe.compareTo(Duration.ZERO) > 0 && untilProbe.compareTo(wait) < 0) {
                    wait = untilProbe;
                }
            }
            wakeUps.await(WakeUps.Worker.DELIVERY, wait);
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
            Claimed c = claimed.get(i);
            if (deliveries.mayGo(c)) {
                attempt(c);
            } else {
                // its target's breaker opened during this round: back in line, not counted
                deliveries.release(List.of(c));
            }
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
