package io.zhengfeng.complaint.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.config.ComplaintConfig;
import io.zhengfeng.complaint.persistence.CategoryEntity;
import io.zhengfeng.platform.calendar.Calendars;
import io.zhengfeng.platform.calendar.WorkingCalendar;

/**
 * How many working days each step may take, and when that ends, for a kind and category. Each
 * computation takes the calendar as of now ({@link Calendars}); the recomputation after a year is
 * loaded passes the new calendar explicitly.
 */
@ApplicationScoped
public class DeadlinePolicy {
    private final ComplaintConfig config;
    private final Calendars calendars;

    public DeadlinePolicy(ComplaintConfig config, Calendars calendars) {
        this.config = config;
        this.calendars = calendars;
    }

    public Instant acceptanceDue(CategoryEntity category, Instant start) {
        return acceptanceDue(calendars.current(), category, start);
    }

    public Instant acceptanceDue(WorkingCalendar calendar, CategoryEntity category, Instant start) {
        int days = category != null && category.acceptanceDays != null ? category.acceptanceDays : config.acceptanceDays();
        return calendar.deadline(start, days);
    }

    public Instant replyDue(Kind kind, CategoryEntity category, Instant start) {
        return calendars.current().deadline(start, replyDays(kind, category));
    }

    public int replyDays(Kind kind, CategoryEntity category) {
        if (category != null && category.replyDays != null) {
            return category.replyDays;
        }
        var days = config.replyDays();
        return switch (kind) {
            case CONSULTATION -> days.consultation();
            case COMPLAINT -> days.complaint();
            case SUGGESTION -> days.suggestion();
            case REPORT -> days.report();
        };
    }

    public Instant followUpDue(CategoryEntity category, Instant start) {
        return followUpDue(calendars.current(), category, start);
    }

    public Instant followUpDue(WorkingCalendar calendar, CategoryEntity category, Instant start) {
        int days = category != null && category.followUpDays != null ? category.followUpDays : config.followUpDays();
        return calendar.deadline(start, days);
    }

    /** An approved extension adds working days after the current due day. */
    public Instant extend(Instant currentDue, int workingDays) {
        return extend(calendars.current(), currentDue, workingDays);
    }

    public Instant extend(WorkingCalendar cal, Instant currentDue, int workingDays) {
        var dueDay = currentDue.atZone(cal.zone()).toLocalDate();
        return cal.closeOfBusiness(cal.addWorkingDays(dueDay, workingDays));
    }

    /** Whether the span reaches a year without holiday data (counted Monday–Friday, to be recomputed). */
    public boolean provisional(Instant start, Instant due) {
        return calendars.current().isProvisional(start, due);
    }

    public int maxExtensionDays() {
        return config.maxExtensionDays();
    }
}
