package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.events.ComplaintEvents;
import io.zhengfeng.complaint.persistence.CategoryEntity;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.platform.calendar.WorkingCalendar;

/**
 * When a year is loaded (or a day changed), every open deadline that was provisional is computed
 * again on the new calendar; a moved one is written to the complaint's history and published (the
 * notification service moves its timer on the event). Runs in the admin's transaction, so the
 * calendar change and the moved deadlines commit together.
 */
@ApplicationScoped
public class ProvisionalDeadlines {
    private static final String ACTOR = "calendar";

    private final DeadlinePolicy deadlines;
    private final ComplaintEvents events;
    private final History history;

    public ProvisionalDeadlines(DeadlinePolicy deadlines, ComplaintEvents events, History history) {
        this.deadlines = deadlines;
        this.events = events;
        this.history = history;
    }

    /** @return how many complaints had their open deadline recomputed */
    public int recompute(WorkingCalendar calendar, String why) {
        List<ComplaintEntity> open = ComplaintEntity.<ComplaintEntity>find(
                "(status = ?1 and acceptanceDueProvisional = true)"
                        + " or (status in ?2 and replyDueProvisional = true)"
                        + " or (status = ?3 and followUpDueProvisional = true)",
                Status.SUBMITTED, List.of(Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS), Status.REPLIED).list();
        int moved = 0;
        for (ComplaintEntity c : open) {
            if (recompute(c, calendar, why)) {
                moved++;
            }
        }
        return moved;
    }

    private boolean recompute(ComplaintEntity c, WorkingCalendar calendar, String why) {
        CategoryEntity category = CategoryEntity.findById(c.category);
        String kind;
        Instant before;
        Instant after;
        switch (c.status) {
            case SUBMITTED -> {
                kind = "acceptance";
                before = c.acceptanceDueAt;
                after = deadlines.acceptanceDue(calendar, category, c.submittedAt);
            }
            case REPLIED -> {
                kind = "follow_up";
                before = c.followUpDueAt;
                after = deadlines.followUpDue(calendar, category, c.repliedAt);
            }
            default -> {
                kind = "reply";
                before = c.replyDueAt;
                after = calendar.deadline(c.replyStartedAt, deadlines.replyDays(c.kind, category));
                if (ComplaintWorkflow.EXTENSION_APPROVED.equals(c.extensionStatus) && c.extensionDays != null) {
                    after = deadlines.extend(calendar, after, c.extensionDays);
                }
            }
        }
        Instant start = switch (c.status) {
            case SUBMITTED -> c.submittedAt;
            case REPLIED -> c.repliedAt;
            default -> c.replyStartedAt;
        };
        boolean stillProvisional = calendar.isProvisional(start, after);
        if (after.equals(before) && stillProvisional) {
            return false; // another year changed: this one is still counted the same way
        }
        switch (c.status) {
            case SUBMITTED -> {
                c.acceptanceDueAt = after;
                c.acceptanceDueProvisional = stillProvisional;
            }
            case REPLIED -> {
                c.followUpDueAt = after;
                c.followUpDueProvisional = stillProvisional;
            }
            default -> {
                c.replyDueAt = after;
                c.replyDueProvisional = stillProvisional;
            }
        }
        // a deadline moved later is no longer missed (overdue belongs to the open stage)
        c.overdue = c.overdue && Instant.now().isAfter(after);
        history.recordAs(c, "recompute-deadline", c.status, "the " + kind + " deadline " + before + " is now " + after
                + (stillProvisional ? " (still provisional)" : " (final)") + ": calendar " + why, ACTOR, "system");
        events.publish(c, "rescheduled", c.status);
        return true;
    }
}
