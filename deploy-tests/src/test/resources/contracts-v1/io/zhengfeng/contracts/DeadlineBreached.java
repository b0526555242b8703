package io.zhengfeng.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Published by the notification service when a deadline passes unsatisfied; the owning service
 * marks its item overdue and records the supervision (督办).
 *
 * @param subjectType e.g. {@code complaint}, {@code rectification}
 */
public record DeadlineBreached(
        UUID timerId,
        String subjectType,
        UUID subjectId,
        String deadlineKind,
        String department,
        Instant dueAt,
        Instant breachedAt) {
}
