package io.zhengfeng.notification.events;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.InspectionEventTypes;
import io.zhengfeng.contracts.RectificationEvent;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.service.SubjectDeadlines;
import io.zhengfeng.notification.service.TimerService;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;

/**
 * Rectification orders (整改) from inspection-service are timed exactly like complaints: every
 * rectification event lists the order's open deadline, so its timer is created, moved (reopened with
 * a new due date) or cancelled (verified effective). The ladder is the one configured for the
 * {@code rectification} kind. Runs exactly once per ce_id (platform EventConsumer).
 */
@ApplicationScoped
public class InspectionEventsHandler implements EventHandler {
    private final TimerService timers;

    public InspectionEventsHandler(TimerService timers) {
        this.timers = timers;
    }

    @Override
    public String topic() {
        return Topics.INSPECTIONS;
    }

    @Override
    public Set<String> types() {
        return InspectionEventTypes.RECTIFICATION_ALL;
    }

    @Override
    public void handle(IncomingEvent event) {
        RectificationEvent r = event.payloadAs(RectificationEvent.class);
        timers.sync(new SubjectDeadlines(Deadline.RECTIFICATION, r.orderId(), r.reference(), r.department(),
                r.openDeadlines(), r.occurredAt()));
    }
}
