package io.zhengfeng.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of every {@code io.zhengfeng.complaint.*.v1} event. The CloudEvents type says what
 * happened; this says the complaint's state after it. Never carries the complainant's personal data.
 *
 * @param department            the department now handling it, null before assignment
 * @param responsibleDepartment the first department assigned (首问负责), kept across transfers
 * @param openDeadlines         every deadline still running after this change; a kind missing here is satisfied
 */
public record ComplaintEvent(
        UUID complaintId,
        String trackingNumber,
        String kind,
        String channel,
        String category,
        String status,
        String previousStatus,
        String department,
        String responsibleDepartment,
        boolean confidential,
        List<Deadline> openDeadlines,
        Instant occurredAt) {
}
