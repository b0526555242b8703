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
import io.zhengfeng.platform.calendar.WorkingCalendar;

/**
 * When each rung of a deadline's ladder fires and whom it addresses, per deadline kind
 * ({@code zhengfeng.notification.ladder.*}, overridable per kind).
 */
@ApplicationScoped
public class Ladder {
    private final NotificationConfig.Ladder config;
    private final WorkingCalendar calendar;

    public Ladder(NotificationConfig config, WorkingCalendar calendar) {
        this.config = config.ladder();
        this.calendar = calendar;
    }

    /** The effective ladder of one deadline kind. */
    public record Policy(double reminderFraction, int escalationWorkingDays, List<String> reminderTo,
            List<String> overdueTo, List<String> escalationTo) {
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
                k.flatMap(NotificationConfig.KindLadder::escalationTo).orElse(config.escalationTo()));
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

    Instant reminderAt(DeadlineTimer timer, Policy p) {
        long spanMillis = Math.max(0, Duration.between(timer.startAt, timer.dueAt).toMillis());
        return timer.startAt.plusMillis((long) (spanMillis * p.reminderFraction()));
    }

    /** The same local time, {@code n} working days after the deadline's day (or the configured fixed delay). */
    Instant escalationAt(Instant due, Policy p) {
        if (config.escalationDelay().isPresent()) {
            return due.plus(config.escalationDelay().get());
        }
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
