package io.zhengfeng.platform.testapp;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Faults a test arranges for {@link NoteEffectHandler}, per note id. */
public final class NoteFaults {
    /** Notes the handler rejects as a deterministic rule would (poison), until the test "fixes" it. */
    public static final Set<UUID> REJECTED = ConcurrentHashMap.newKeySet();
    /** Notes whose first application takes part in a deadlock with {@link #deadlockPartner()}. */
    public static final Set<UUID> DEADLOCK_ONCE = ConcurrentHashMap.newKeySet();

    static volatile CountDownLatch handlerHoldsA = new CountDownLatch(1);
    static volatile CountDownLatch partnerHoldsB = new CountDownLatch(1);

    /** The test's side: called once it holds row b; returns when the handler holds row a. */
    public static void partnerHoldsBAwaitHandler() throws InterruptedException {
        partnerHoldsB.countDown();
        if (!handlerHoldsA.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the handler never took row a");
        }
    }

    public static void reset() {
        handlerHoldsA = new CountDownLatch(1);
        partnerHoldsB = new CountDownLatch(1);
    }

    static void handlerHoldsAAwaitPartner() {
        handlerHoldsA.countDown();
        try {
            if (!partnerHoldsB.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never took row b");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private NoteFaults() {
    }
}
