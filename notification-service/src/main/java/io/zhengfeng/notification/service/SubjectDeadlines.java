package io.zhengfeng.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.zhengfeng.contracts.Deadline;

/**
 * What an owning service says about one of its items: these deadlines are open now, every other
 * kind is satisfied. Complaints today; rectification orders and surveys map onto the same shape.
 *
 * @param reference  human-readable reference (tracking number) for messages, may be null
 * @param department the department that must act, null while unassigned
 * @param occurredAt when the owner's change happened; older news than what was applied is ignored
 */
public record SubjectDeadlines(String subjectType, UUID subjectId, String reference, String department,
        List<Deadline> open, Instant occurredAt) {
}
