package io.zhengfeng.platform.events;

import java.util.List;

/**
 * Called after the broker acknowledged a batch and before the batch is marked published.
 * Production has none; a test supplies one that throws to prove that a relay dying between
 * publish and mark causes no double effect downstream.
 */
@FunctionalInterface
public interface AfterPublishHook {
    void published(List<OutboxEvent> batch);
}
