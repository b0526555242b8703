package io.zhengfeng.complaint.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.service.OpenDeadlines;
import io.zhengfeng.complaint.service.Status;
import io.zhengfeng.contracts.ComplaintEvent;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.events.Outbox;

/**
 * Turns a complaint's new state into its event, in the same transaction. The event lists every
 * deadline still running, so the notification service can schedule, move or cancel its timers
 * from the event alone. Contact data never goes in.
 */
@ApplicationScoped
public class ComplaintEvents {
    private final Outbox outbox;

    public ComplaintEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** @param happened the verb of the ce_type, e.g. "accepted" */
    public void publish(ComplaintEntity c, String happened, Status previous) {
        ComplaintEvent event = new ComplaintEvent(UUID.fromString(c.id), c.trackingNumber, c.kind.code(),
                c.channel.code(), c.category, c.status.code(), previous == null ? null : previous.code(),
                c.department, c.responsibleDepartment, c.confidential, OpenDeadlines.of(c), Instant.now());
        outbox.publish(Topics.COMPLAINTS, EventTypes.complaint(happened), c.id, event);
    }
}
