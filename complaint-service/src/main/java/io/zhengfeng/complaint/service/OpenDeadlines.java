package io.zhengfeng.complaint.service;

import java.util.List;

import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.contracts.Deadline;

/** The deadlines a complaint is waiting on in its current state; at most one at a time. */
public final class OpenDeadlines {

    public static List<Deadline> of(ComplaintEntity c) {
        return switch (c.status) {
            case SUBMITTED -> List.of(new Deadline(Deadline.ACCEPTANCE, c.submittedAt, c.acceptanceDueAt, c.acceptanceDueProvisional));
            case ACCEPTED, ASSIGNED, IN_PROGRESS -> List.of(new Deadline(Deadline.REPLY, c.replyStartedAt, c.replyDueAt, c.replyDueProvisional));
            case REPLIED -> c.followUpDueAt == null ? List.of()
                    : List.of(new Deadline(Deadline.FOLLOW_UP, c.repliedAt, c.followUpDueAt, c.followUpDueProvisional));
            case REJECTED, CLOSED -> List.of();
        };
    }

    private OpenDeadlines() {
    }
}
