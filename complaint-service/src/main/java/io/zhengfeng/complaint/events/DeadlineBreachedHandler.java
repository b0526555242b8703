package io.zhengfeng.complaint.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.persistence.ComplaintRepository;
import io.zhengfeng.complaint.service.Status;
import io.zhengfeng.complaint.service.Supervision;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.DeadlineBreached;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;

/**
 * The notification service owns time; when it says a complaint's deadline passed, the complaint
 * is marked overdue (督办) — or, for the follow-up window, closed. A breach of a deadline that has
 * since been met or moved is stale and changes nothing.
 */
@ApplicationScoped
public class DeadlineBreachedHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(DeadlineBreachedHandler.class);

    private static final Set<Status> REPLY_PENDING = Set.of(Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS);

    private final ComplaintRepository complaints;
    private final Supervision supervision;

    public DeadlineBreachedHandler(ComplaintRepository complaints, Supervision supervision) {
        this.complaints = complaints;
        this.supervision = supervision;
    }

    @Override
    public String topic() {
        return Topics.NOTIFICATIONS;
    }

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.DEADLINE_BREACHED);
    }

    @Override
    public void handle(IncomingEvent event) {
        DeadlineBreached breach = event.payloadAs(DeadlineBreached.class);
        if (!"complaint".equals(breach.subjectType())) {
            return;
        }
        ComplaintEntity c = complaints.findById(breach.subjectId().toString());
        if (c == null) {
            LOG.warnf("Breach for unknown complaint %s ignored", breach.subjectId());
            return;
        }
        boolean current = switch (breach.deadlineKind()) {
            case Deadline.ACCEPTANCE -> c.status == Status.SUBMITTED && same(c.acceptanceDueAt, breach);
            case Deadline.REPLY -> REPLY_PENDING.contains(c.status) && same(c.replyDueAt, breach);
            case Deadline.FOLLOW_UP -> c.status == Status.REPLIED && same(c.followUpDueAt, breach);
            default -> false;
        };
        if (!current) {
            LOG.debugf("Stale %s breach for complaint %s ignored", breach.deadlineKind(), c.id);
            return;
        }
        if (Deadline.FOLLOW_UP.equals(breach.deadlineKind())) {
            supervision.closeAfterFollowUpWindow(c);
        } else {
            supervision.markOverdue(c, breach);
        }
    }

    private static boolean same(Instant due, DeadlineBreached breach) {
        return due != null && breach.dueAt() != null
                && due.truncatedTo(ChronoUnit.MILLIS).equals(breach.dueAt().truncatedTo(ChronoUnit.MILLIS));
    }
}
