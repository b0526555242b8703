package io.zhengfeng.complaint.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.events.ComplaintEvents;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.contracts.DeadlineBreached;

/** What a missed deadline does to a complaint; called inside the consumer's transaction. */
@ApplicationScoped
public class Supervision {
    private static final String SYSTEM = "notification-service";

    private final ComplaintEvents events;
    private final History history;

    public Supervision(ComplaintEvents events, History history) {
        this.events = events;
        this.history = history;
    }

    public void markOverdue(ComplaintEntity c, DeadlineBreached breach) {
        c.overdue = true;
        c.supervisionCount++;
        history.recordAs(c, "supervise", c.status, "督办: the " + breach.deadlineKind() + " deadline "
                + breach.dueAt() + " passed", SYSTEM, "system");
        events.publish(c, "overdue", c.status);
    }

    /** 回访 window over without a rating: the complaint closes itself. */
    public void closeAfterFollowUpWindow(ComplaintEntity c) {
        Status before = c.status;
        ComplaintWorkflow.closeNow(c);
        history.recordAs(c, "close", before, "follow-up window ended without a rating", SYSTEM, "system");
        events.publish(c, "closed", before);
    }
}
