package io.zhengfeng.complaint.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.calendar.CalendarService;
import io.zhengfeng.complaint.config.ComplaintConfig;
import io.zhengfeng.complaint.persistence.CategoryEntity;

/** How many working days each step may take, and when that ends, for a kind and category. */
@ApplicationScoped
public class DeadlinePolicy {
    private final ComplaintConfig config;
    private final CalendarService calendar;

    public DeadlinePolicy(ComplaintConfig config, CalendarService calendar) {
        this.config = config;
        this.calendar = calendar;
    }

    public Instant acceptanceDue(CategoryEntity category, Instant start) {
        int days = category.acceptanceDays != null ? category.acceptanceDays : config.acceptanceDays();
        return calendar.deadline(start, days);
    }

    public Instant replyDue(Kind kind, CategoryEntity category, Instant start) {
        return calendar.deadline(start, replyDays(kind, category));
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
        int days = category != null && category.followUpDays != null ? category.followUpDays : config.followUpDays();
        return calendar.deadline(start, days);
    }

    /** An approved extension adds working days after the current due day. */
    public Instant extend(Instant currentDue, int workingDays) {
        var cal = calendar.calendar();
        var dueDay = currentDue.atZone(cal.zone()).toLocalDate();
        return cal.closeOfBusiness(cal.addWorkingDays(dueDay, workingDays));
    }

    public int maxExtensionDays() {
        return config.maxExtensionDays();
    }
}
