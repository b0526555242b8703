package io.zhengfeng.contracts;

import java.time.Instant;
import java.util.UUID;

/** Payload of {@code notification.delivered.v1} and {@code notification.failed.v1}. */
public record NotificationOutcome(
        UUID notificationId,
        String recipient,
        String channel,
        String notificationType,
        UUID subjectId,
        String detail,
        Instant at) {
}
