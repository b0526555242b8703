package io.zhengfeng.notification.delivery;

import java.util.UUID;

import io.zhengfeng.notification.persistence.Channel;

/**
 * One attempt this replica holds the lease of: what the outcome is recorded against, and the prepared
 * send (or why there is none).
 *
 * @param attempt the attempt number the claim gave it; the outcome applies only while it is still current
 */
record Claimed(UUID id, int attempt, Channel channel, String recipient, String type, UUID subjectId,
        ChannelSender.Send send) {
}
