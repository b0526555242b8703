package io.zhengfeng.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.notification.config.NotificationConfig;
import io.zhengfeng.notification.persistence.DeadlineTimer;
import io.zhengfeng.notification.persistence.Rung;
import io.zhengfeng.notification.persistence.TimerState;
import io.zhengfeng.platform.calendar.Calendars;
import io.zhengfeng.platform.calendar.WorkingCalendar;

/**
 * When each rung of a deadline's ladder fires and whom it addresses, per deadline kind
 * ({@code zhengfeng.notification.ladder.*}, overridable per kind). Times are placed on the
 * bureau's calendar as the feed last delivered it ({@link Calendars}): the reminder at a share of
 * the span's <em>office time</em>, so it lands in office hours of a working day, and the
 * escalation a number of working days after the deadline.
 */
@ApplicationScoped
public class Ladder {
    private final NotificationConfig.Ladder config;
    private final Calendars calendars;

    public Ladder(NotificationConfig config, Calendars calendars) {
        this.config = config.ladder();
        this.calendars = calendars;
    }

    /** The effective ladder of one deadline kind. */
    public record Policy(double reminderFraction, int escalationWorkingDays, List<String> reminderTo,
            List<String> overdueTo, List<String> escalationTo, boolean overdueAlert) {
        boolean reminds() {
            return reminderFraction > 0 && reminderFraction < 1 && !reminderTo.isEmpty();
        }

        boolean escalates() {
            return escalationWorkingDays >= 0 && !escalationTo.isEmpty();
        }

        List<String> roles(Rung rung) {
            return switch (rung) {
                case REMINDER -> reminderTo;
                case OVERDUE -> overdueTo;
                case ESCALATION -> escalationTo;
            };
        }
    }

    public Policy policy(String kind) {
        Optional<NotificationConfig.KindLadder> k = Optional.ofNullable(config.kinds().get(kind));
        return new Policy(
                k.flatMap(NotificationConfig.KindLadder::reminderFraction).orElse(config.reminderFraction()),
                k.flatMap(NotificationConfig.KindLadder::escalationWorkingDays).orElse(config.escalationWorkingDays()),
                k.flatMap(NotificationConfig.KindLadder::reminderTo).orElse(config.reminderTo()),
                k.flatMap(NotificationConfig.KindLadder::overdueTo).orElse(config.overdueTo()),
                k.flatMap(NotificationConfig.KindLadder::escalationTo).orElse(config.escalationTo()),
                k.flatMap(NotificationConfig.KindLadder::overdueAlert).orElse(true));
    }

    /**
     * Whether a rung that fires is told to anyone. The end of a window that is not a time limit
     * (the follow-up 回访 window) still fires, so its owner acts on the breach, but alerts nobody.
     */
    public boolean alerts(String kind, Rung rung) {
        return rung != Rung.OVERDUE || policy(kind).overdueAlert();
    }

    /** Puts a new or moved deadline on its first rung still worth firing at {@code now}. */
    public void start(DeadlineTimer timer, Instant now) {
        Policy p = policy(timer.deadlineKind);
        timer.state = TimerState.PENDING;
        timer.breachedAt = null;
        if (p.reminds() && now.isBefore(timer.dueAt)) {
            timer.nextRung = Rung.REMINDER;
            timer.nextFireAt = reminderAt(timer, p);
        } else {
            timer.nextRung = Rung.OVERDUE;
            timer.nextFireAt = timer.dueAt;
        }
    }

    /** Moves the timer past the rung that just fired. */
    public void advance(DeadlineTimer timer, Rung fired) {
        Policy p = policy(timer.deadlineKind);
        switch (fired) {
            case REMINDER -> next(timer, Rung.OVERDUE, timer.dueAt);
            case OVERDUE -> {
                if (p.escalates()) {
                    next(timer, Rung.ESCALATION, escalationAt(timer.dueAt, p));
                } else {
                    finish(timer);
                }
            }
            case ESCALATION -> finish(timer);
        }
    }

    /** The rung that fires now: a reminder that comes after the deadline is pointless, the alert is due. */
    public Rung effectiveRung(DeadlineTimer timer, Instant now) {
        return timer.nextRung == Rung.REMINDER && !now.isBefore(timer.dueAt) ? Rung.OVERDUE : timer.nextRung;
    }

    public List<Audience> audiences(String kind, Rung rung, String department) {
        return policy(kind).roles(rung).stream()
                .map(role -> Audience.forRole(role, department))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * The reminder: when the configured share of the span has passed — and if that moment is outside
     * office time (at night, on a weekend or a holiday), at the next office opening instead: a
     * reminder that would fall on Sunday night reaches the handler on the next working morning, with
     * the working day still ahead of the deadline. Never after the deadline itself.
     */
    Instant reminderAt(DeadlineTimer timer, Policy p) {
        long spanMillis = Math.max(0, Duration.between(timer.startAt, timer.dueAt).toMillis());
        Instant share = timer.startAt.plusMillis((long) (spanMillis * p.reminderFraction()));
        Instant at = nextOfficeMoment(calendars.current(), share);
        return at.isAfter(timer.dueAt) ? share : at;
    }

    /** {@code instant} itself if it lies in office hours of a working day, else the next office opening. */
    static Instant nextOfficeMoment(WorkingCalendar calendar, Instant instant) {
        ZonedDateTime local = instant.atZone(calendar.zone());
        java.time.LocalDate day = local.toLocalDate();
        java.time.LocalTime time = local.toLocalTime();
        if (calendar.isWorkingDay(day)) {
            if (!time.isBefore(calendar.openOfBusiness()) && time.isBefore(calendar.closeOfBusiness())) {
                return instant;
            }
            if (time.isBefore(calendar.openOfBusiness())) {
                return day.atTime(calendar.openOfBusiness()).atZone(calendar.zone()).toInstant();
            }
        }
        return calendar.nextWorkingDay(day).atTime(calendar.openOfBusiness()).atZone(calendar.zone()).toInstant();
    }

    /** The same local time, {@code n} working days after the deadline's day (or the configured fixed delay). */
    Instant escalationAt(Instant due, Policy p) {
        if (config.escalationDelay().isPresent()) {
            return due.plus(config.escalationDelay().get());
        }
        WorkingCalendar calendar = calendars.current();
        ZonedDateTime local = due.atZone(calendar.zone());
        LocalDate day = calendar.addWorkingDays(local.toLocalDate(), p.escalationWorkingDays());
        return day.atTime(local.toLocalTime()).atZone(calendar.zone()).toInstant();
    }

    private static void next(DeadlineTimer timer, Rung rung, Instant at) {
        timer.nextRung = rung;
        timer.nextFireAt = at;
    }

    private static void finish(DeadlineTimer timer) {
        timer.state = TimerState.FIRED;
        timer.nextRung = null;
        timer.nextFireAt = null;
    }
}
