package io.zhengfeng.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.CalendarYearEvent;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.DeadlineTimer;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.notification.persistence.Rung;
import io.zhengfeng.notification.persistence.TimerRepository;
import io.zhengfeng.notification.persistence.TimerState;
import io.zhengfeng.notification.service.NotificationType;
import io.zhengfeng.platform.calendar.Calendars;
import io.zhengfeng.platform.calendar.HolidayData;
import io.zhengfeng.platform.calendar.WorkingCalendar;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestEvents;
import io.zhengfeng.testing.TopicReader;

/**
 * The ladder on the bureau's calendar as the feed delivers it: the 75 % reminder placed in office
 * time (never on a Sunday night), a day override published on zhengfeng.calendar applied by this
 * service and moving the placement, and the follow-up window's end alerting nobody.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class CalendarPlacementTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    TimerRepository timers;
    @Inject
    NotificationRepository notifications;
    @Inject
    Calendars calendars;

    /** A working Friday at least a week ahead whose next working day is the Monday after it. */
    private LocalDate fridayBeforeAWorkingMonday(WorkingCalendar cal) {
        LocalDate d = LocalDate.now(SHANGHAI).plusDays(7);
        while (d.getDayOfWeek() != DayOfWeek.FRIDAY || !cal.isWorkingDay(d) || !cal.nextWorkingDay(d).equals(d.plusDays(3))) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(SHANGHAI).toInstant();
    }

    @Test
    void aReminderDueOnASundayNightLandsOnTheNextWorkingMorning() {
        WorkingCalendar cal = calendars.current();
        LocalDate friday = fridayBeforeAWorkingMonday(cal);
        LocalDate monday = friday.plusDays(3);
        Instant start = at(friday, "09:00");
        Instant due = cal.deadline(start, 1);
        assertEquals(at(monday, "18:00"), due);
        // 75 % of the elapsed 81 h would be Sunday 21:45
        ZonedDateTime elapsed = start.plusMillis((long) (Duration.between(start, due).toMillis() * 0.75)).atZone(SHANGHAI);
        assertEquals(DayOfWeek.SUNDAY, elapsed.getDayOfWeek());

        ComplaintNews c = new ComplaintNews();
        c.say("submitted", "submitted", null, new Deadline(Deadline.ACCEPTANCE, start, due));
        DeadlineTimer t = awaitTimer(c, Deadline.ACCEPTANCE, due);
        assertEquals(Rung.REMINDER, t.nextRung);
        // Sunday night is no office time: the next office opening, Monday 09:00, nine hours before the deadline
        assertEquals(at(monday, "09:00"), t.nextFireAt);
        ZonedDateTime local = t.nextFireAt.atZone(SHANGHAI);
        assertTrue(cal.isWorkingDay(local.toLocalDate()));
        assertFalse(local.toLocalTime().isBefore(LocalTime.of(9, 0)) || local.toLocalTime().isAfter(LocalTime.of(18, 0)));
    }

    @Test
    void aDayOverridePublishedOnTheCalendarTopicIsAppliedAndMovesTheReminder() {
        WorkingCalendar cal = calendars.current();
        LocalDate friday = fridayBeforeAWorkingMonday(cal);
        LocalDate monday = friday.plusDays(3);
        int year = monday.getYear();
        long version = calendars.version(year).orElse(0L) + 1;

        // the owner closes that Monday (台风停工): the whole year, as complaint-service publishes it
        TestEvents.send(Topics.CALENDAR, EventTypes.CALENDAR_YEAR_CHANGED, Sources.COMPLAINT_SERVICE, year,
                yearWith(year, version, List.of(new CalendarYearEvent.Day(monday, false, "台风停工"))));
        Await.until(() -> !calendars.current().isWorkingDay(monday), WAIT);
        try {
            Instant start = at(friday, "09:00");
            Instant due = calendars.current().deadline(start, 1);
            LocalDate next = calendars.current().nextWorkingDay(friday);
            assertEquals(at(next, "18:00"), due, "one working day now ends after the closed Monday");
            ComplaintNews c = new ComplaintNews();
            c.say("submitted", "submitted", null, new Deadline(Deadline.ACCEPTANCE, start, due));
            DeadlineTimer t = awaitTimer(c, Deadline.ACCEPTANCE, due);
            // 75 % of the span is Monday 15:45, a closed day: the next working morning
            assertEquals(at(next, "09:00"), t.nextFireAt, "the closed Monday is no working morning");
        } finally {
            TestEvents.send(Topics.CALENDAR, EventTypes.CALENDAR_YEAR_CHANGED, Sources.COMPLAINT_SERVICE, year,
                    yearWith(year, version + 1, List.of()));
            Await.until(() -> calendars.current().isWorkingDay(monday), WAIT);
        }
    }

    @Test
    void aProvisionalDeadlineRecomputedWhenItsYearIsLoadedMovesTheTimer() {
        // complaint-service publishes "rescheduled" with the recomputed deadline (see its CalendarOwnershipTest)
        ComplaintNews c = new ComplaintNews();
        Instant start = Instant.parse("2030-12-31T02:00:00Z");
        c.say("submitted", "submitted", null,
                new Deadline(Deadline.ACCEPTANCE, start, Instant.parse("2031-01-01T10:00:00Z"), true));
        awaitTimer(c, Deadline.ACCEPTANCE, Instant.parse("2031-01-01T10:00:00Z"));
        c.say("rescheduled", "submitted", null,
                new Deadline(Deadline.ACCEPTANCE, start, Instant.parse("2031-01-02T10:00:00Z"), false));
        DeadlineTimer moved = awaitTimer(c, Deadline.ACCEPTANCE, Instant.parse("2031-01-02T10:00:00Z"));
        assertEquals(2, moved.generation, "the same timer, moved");
        assertEquals(TimerState.PENDING, moved.state);
    }

    @Test
    void theFollowUpWindowEndingIsBreachedButAlertsNobody() {
        ComplaintNews c = new ComplaintNews();
        try (TopicReader breaches = new TopicReader(Topics.NOTIFICATIONS)) {
            c.say("replied", "replied", "land", ComplaintNews.deadline(Deadline.FOLLOW_UP, 10_000, 1_000));
            breaches.readUntil(all -> all.stream().anyMatch(e -> EventTypes.DEADLINE_BREACHED.equals(e.type())
                    && c.id.toString().equals(e.key())), WAIT);
        }
        // the breach and its alerts are written in one transaction: the breach being out proves the round is over
        List<String> types = QuarkusTransaction.requiringNew().call(() -> notifications.ofSubject(c.id, List.of(Channel.INBOX)))
                .stream().map(n -> n.type).toList();
        assertFalse(types.contains(NotificationType.DEADLINE_OVERDUE.code()), "no overdue alert for a follow-up window: " + types);
        assertFalse(types.contains(NotificationType.DEADLINE_ESCALATION.code()));
        Await.until(() -> QuarkusTransaction.requiringNew().call(() -> timers.ofSubject("complaint", c.id)).get(0).state
                == TimerState.FIRED, WAIT);
    }

    private static CalendarYearEvent yearWith(int year, long version, List<CalendarYearEvent.Day> overrides) {
        var notice = HolidayData.bundled().notice(year);
        return new CalendarYearEvent(year, notice.isPresent(), notice.map(HolidayData.Notice::notice).orElse(null), null,
                notice.map(n -> n.holidays().stream().map(h -> new CalendarYearEvent.Holiday(h.name(), h.days())).toList())
                        .orElse(List.of()),
                notice.map(HolidayData.Notice::makeUpWorkingDays).orElse(List.of()), overrides, version, "admin", Instant.now());
    }

    private DeadlineTimer awaitTimer(ComplaintNews c, String kind, Instant due) {
        Await.until(() -> timerOf(c, kind) != null && due.equals(timerOf(c, kind).dueAt), WAIT);
        return timerOf(c, kind);
    }

    private DeadlineTimer timerOf(ComplaintNews c, String kind) {
        return QuarkusTransaction.requiringNew().call(() -> timers.ofSubject("complaint", c.id).stream()
                .filter(t -> t.deadlineKind.equals(kind)).findFirst().orElse(null));
    }
}
