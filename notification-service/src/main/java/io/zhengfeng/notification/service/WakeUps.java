package io.zhengfeng.notification.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Lets a commit wake this replica's workers at once instead of at their next poll: new deliveries
 * wake the delivery worker, new inbox items the live stream, new or moved timers the timer worker.
 * Other replicas still find the work by polling.
 */
@ApplicationScoped
public class WakeUps {
    public enum Worker { DELIVERY, STREAM, TIMERS }

    private final Map<Worker, Semaphore> semaphores = new EnumMap<>(Worker.class);
    private final TransactionSynchronizationRegistry transactions;

    public WakeUps(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        for (Worker w : Worker.values()) {
            semaphores.put(w, new Semaphore(0));
        }
    }

    /** Wakes {@code worker} after the current transaction commits (at most one registration per transaction). */
    public void afterCommit(Worker worker) {
        String key = "zf-wake-" + worker;
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake(worker);
                }
            }
        });
    }

    public void wake(Worker worker) {
        semaphore(worker).release();
    }

    /** Sleeps up to {@code max}, less if woken; returns early on interrupt. */
    public void await(Worker worker, Duration max) throws InterruptedException {
        Semaphore s = semaphore(worker);
        s.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS);
        s.drainPermits();
    }

    private Semaphore semaphore(Worker worker) {
        return semaphores.get(worker);
    }
}
