package io.zhengfeng.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import io.zhengfeng.notification.persistence.Channel;

/**
 * One attempt this replica holds the lease of: what the outcome is recorded against, and the prepared
 * send (or why there is none).
 *
 * @param attempt the attempt number the claim gave it; the outcome applies only while it is still current
 * @param dueAt when it was due before the claim: an attempt given back keeps its place in the line
 * @param target the delivery target ({@link TargetBreakers#targetOf})
 * @param probe the one delivery let through to test an open breaker's target
 */
record Claimed(UUID id, int attempt, Channel channel, String recipient, String type, UUID subjectId,
        ChannelSender.Send send, Instant dueAt, String target, boolean probe) {
}
