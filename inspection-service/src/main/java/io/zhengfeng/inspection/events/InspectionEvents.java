package io.zhengfeng.inspection.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.FindingEvent;
import io.zhengfeng.contracts.InspectionEvent;
import io.zhengfeng.contracts.InspectionEventTypes;
import io.zhengfeng.contracts.RectificationEvent;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.inspection.persistence.FindingEntity;
import io.zhengfeng.inspection.persistence.InspectionEntity;
import io.zhengfeng.inspection.persistence.OrderEntity;
import io.zhengfeng.platform.events.Outbox;

/**
 * Writes this service's events to the outbox in the caller's transaction. A rectification event
 * lists the order's running deadline until it is verified effective, so notification-service keeps,
 * moves or cancels its timer from the event alone. No personal data goes in.
 */
@ApplicationScoped
public class InspectionEvents {
    private final Outbox outbox;

    public InspectionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void inspection(InspectionEntity i, String happened) {
        outbox.publish(Topics.INSPECTIONS, InspectionEventTypes.inspection(happened), i.id,
                new InspectionEvent(UUID.fromString(i.id), uuid(i.campaignId), i.type, i.scope, i.targetKind,
                        i.targetDepartment, i.inspectingDepartment, i.status, i.publishedAt != null,
                        UUID.fromString(i.template.id), i.template.version, Instant.now()));
    }

    public void finding(FindingEntity f, String campaignId, String happened) {
        outbox.publish(Topics.INSPECTIONS, InspectionEventTypes.finding(happened), f.id,
                new FindingEvent(UUID.fromString(f.id), uuid(f.inspectionId), uuid(campaignId),
                        f.item == null ? null : f.item.position, f.severity, f.responsibleDepartment, f.status,
                        Instant.now()));
    }

    public void order(OrderEntity o, String happened) {
        outbox.publish(Topics.INSPECTIONS, InspectionEventTypes.rectification(happened), o.id,
                new RectificationEvent(UUID.fromString(o.id), UUID.fromString(o.findingId), o.reference, o.department,
                        o.status, o.overdue, o.rounds, o.dueAt, openDeadlines(o), Instant.now()));
    }

    /** Running until verified effective: reporting it done does not stop the clock, verification does. */
    public static List<Deadline> openDeadlines(OrderEntity o) {
        if ("closed".equals(o.status)) {
            return List.of();
        }
        return List.of(new Deadline(Deadline.RECTIFICATION, o.startAt, o.dueAt));
    }

    private static UUID uuid(String s) {
        return s == null ? null : UUID.fromString(s);
    }
}
