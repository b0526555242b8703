package io.zhengfeng.platform.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An administrator's local change to one day of the calendar, for instance an emergency closure
 * (台风停工) or a locally declared working Saturday. An override wins over the holiday data file
 * and over the Monday–Friday rule.
 *
 * @param date    the local date (in the calendar's zone) it applies to
 * @param working {@code true} if the day is a working day, {@code false} if it is a day off
 * @param reason  why, for the audit trail and the admin screen; may be empty, never null
 */
public record DayOverride(LocalDate date, boolean working, String reason) {

    public DayOverride {
        Objects.requireNonNull(date, "date");
        reason = reason == null ? "" : reason;
    }

    /** A day off that would otherwise be a working day. */
    public static DayOverride closed(LocalDate date, String reason) {
        return new DayOverride(date, false, reason);
    }

    /** A working day that would otherwise be a day off. */
    public static DayOverride open(LocalDate date, String reason) {
        return new DayOverride(date, true, reason);
    }
}
