package io.zhengfeng.notification.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.contracts.ComplaintEvent;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.service.Audience;
import io.zhengfeng.notification.service.Dispatch;
import io.zhengfeng.notification.service.NotificationType;
import io.zhengfeng.notification.service.Notifier;
import io.zhengfeng.notification.service.SubjectDeadlines;
import io.zhengfeng.notification.service.TimerService;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;
import io.zhengfeng.platform.security.Roles;

/**
 * Every complaint event says which deadlines are open: the timers follow (created, moved,
 * cancelled). A new message also goes to the spokesperson's inbox. Runs exactly once per ce_id,
 * in the transaction that records it (platform EventConsumer).
 */
@ApplicationScoped
public class ComplaintEventsHandler implements EventHandler {
    private static final Set<String> TYPES = Set.of(EventTypes.COMPLAINT_SUBMITTED, EventTypes.COMPLAINT_ACCEPTED,
            EventTypes.COMPLAINT_REJECTED, EventTypes.COMPLAINT_ASSIGNED, EventTypes.COMPLAINT_TRANSFERRED,
            EventTypes.COMPLAINT_REPLIED, EventTypes.COMPLAINT_EXTENDED, EventTypes.COMPLAINT_RATED,
            EventTypes.COMPLAINT_REOPENED, EventTypes.COMPLAINT_CLOSED, EventTypes.COMPLAINT_OVERDUE,
            EventTypes.COMPLAINT_RESCHEDULED);

    private final TimerService timers;
    private final Notifier notifier;

    public ComplaintEventsHandler(TimerService timers, Notifier notifier) {
        this.timers = timers;
        this.notifier = notifier;
    }

    @Override
    public String topic() {
        return Topics.COMPLAINTS;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    /** One statement locks the timers of the batch's complaints (the ce_subject is the complaint id). */
    @Override
    public void prepare(List<IncomingEvent> events) {
        List<UUID> complaints = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            try {
                complaints.add(UUID.fromString(event.subject()));
            } catch (IllegalArgumentException | NullPointerException e) {
                // no usable subject: that event's handle() locks by its payload's id on its own
            }
        }
        timers.lockAll("complaint", complaints);
    }

    @Override
    public void handle(IncomingEvent event) {
        ComplaintEvent c = event.payloadAs(ComplaintEvent.class);
        timers.sync(new SubjectDeadlines("complaint", c.complaintId(), c.trackingNumber(), c.department(),
                c.openDeadlines(), c.occurredAt()));
        if (EventTypes.COMPLAINT_SUBMITTED.equals(event.type())) {
            Map<String, Object> params = new HashMap<>();
            params.put("trackingNumber", c.trackingNumber());
            params.put("kind", c.kind());
            params.put("channel", c.channel());
            params.put("category", c.category());
            notifier.dispatch(new Dispatch("event:" + event.id(), NotificationType.COMPLAINT_NEW, "complaint",
                    c.complaintId(), params, List.of(Audience.role(Roles.SPOKESPERSON)), false));
        }
    }
}
