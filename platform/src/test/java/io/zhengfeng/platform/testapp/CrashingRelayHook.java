package io.zhengfeng.platform.testapp;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.platform.events.AfterPublishHook;
import io.zhengfeng.platform.events.OutboxEvent;

/** Simulates a relay dying after the broker acknowledged a batch and before it was marked published. */
@ApplicationScoped
public class CrashingRelayHook implements AfterPublishHook {
    private final AtomicInteger crashesLeft = new AtomicInteger();

    public void crashNextRounds(int rounds) {
        crashesLeft.set(rounds);
    }

    public int crashesLeft() {
        return crashesLeft.get();
    }

    @Override
    public void published(List<OutboxEvent> batch) {
        if (crashesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("simulated relay crash between publish and mark");
        }
    }
}
