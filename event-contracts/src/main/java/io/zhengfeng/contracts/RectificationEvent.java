package io.zhengfeng.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code io.zhengfeng.rectification.*.v1}: a rectification order (整改) after the change.
 * {@code openDeadlines} lists the running {@link Deadline#RECTIFICATION} deadline until the order is
 * verified effective; an empty list tells the notification service to cancel the timer.
 *
 * @param reference readable order number, e.g. ZG-2026-0001
 * @param status    open | reported | closed
 */
public record RectificationEvent(
        UUID orderId,
        UUID findingId,
        String reference,
        String department,
        String status,
        boolean overdue,
        int round,
        Instant dueAt,
        List<Deadline> openDeadlines,
        Instant occurredAt) {
}
