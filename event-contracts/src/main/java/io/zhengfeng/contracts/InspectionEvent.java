package io.zhengfeng.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code io.zhengfeng.inspection.*.v1}: the inspection's state after the change.
 * No personal data; an undercover inspection says so, and {@code published} says whether the
 * inspected department may know of it yet.
 *
 * @param type       self | peer | spot | open | undercover
 * @param scope      routine | special
 * @param targetKind department | window | key_post | key_person
 */
public record InspectionEvent(
        UUID inspectionId,
        UUID campaignId,
        String type,
        String scope,
        String targetKind,
        String targetDepartment,
        String inspectingDepartment,
        String status,
        boolean published,
        UUID templateId,
        int templateVersion,
        Instant occurredAt) {
}
