package io.zhengfeng.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code io.zhengfeng.finding.*.v1}. {@code checkItem} is the template item's position
 * (1 = 一查 …), null when the finding is not tied to an item. No personal data: the responsible
 * person stays in inspection-service.
 */
public record FindingEvent(
        UUID findingId,
        UUID inspectionId,
        UUID campaignId,
        Integer checkItem,
        String severity,
        String department,
        String status,
        Instant occurredAt) {
}
