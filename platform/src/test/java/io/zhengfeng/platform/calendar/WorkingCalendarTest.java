package io.zhengfeng.platform.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected instants are written in UTC: 18:00 Asia/Shanghai is 10:00Z.
 */
class WorkingCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final WorkingCalendar calendar = WorkingCalendar.chinaMainland();

    /** A local date-time in Shanghai, e.g. "2026-02-13T10:00". */
    private static Instant shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    // --- Spring Festival -------------------------------------------------------------------------

    @Test
    void complaintSubmittedBeforeSpringFestivalIsDueAfterTheHolidayCountingTheMakeUpSaturday() {
        // Fri 13 Feb 2026 is the receipt day; Sat 14 (make-up) = 1, 15–23 off, 24..27 = 2..5
        Instant submitted = shanghai("2026-02-13T10:00");
        assertEquals(Instant.parse("2026-02-27T10:00:00Z"), calendar.deadline(submitted, 5));
    }

    @Test
    void suggestionSubmittedBeforeSpringFestival2026CountsBothMakeUpSaturdays() {
        // 14 Feb = 1, 24..27 Feb = 2..5, Sat 28 Feb (make-up) = 6, 2..5 Mar = 7..10
        Instant submitted = shanghai("2026-02-13T10:00");
        assertEquals(Instant.parse("2026-02-28T10:00:00Z"), calendar.deadline(submitted, 6));
        assertEquals(Instant.parse("2026-03-05T10:00:00Z"), calendar.deadline(submitted, 10));
    }

    @Test
    void complaintSubmittedBeforeSpringFestival2025CountsTheMakeUpSundayAndSaturday() {
        // Fri 24 Jan 2025; Sun 26 Jan (make-up) = 1, Mon 27 = 2, 28 Jan–4 Feb off, 5..7 Feb = 3..5,
        // Sat 8 Feb (make-up) = 6
        Instant submitted = shanghai("2025-01-24T09:00");
        assertEquals(Instant.parse("2025-01-26T10:00:00Z"), calendar.deadline(submitted, 1));
        assertEquals(Instant.parse("2025-02-07T10:00:00Z"), calendar.deadline(submitted, 5));
        assertEquals(Instant.parse("2025-02-08T10:00:00Z"), calendar.deadline(submitted, 6));
    }

    // --- National Day ----------------------------------------------------------------------------

    @Test
    void consultationSubmittedBeforeNationalDay2025IsDueBeforeTheHolidayThanksToTheMakeUpSunday() {
        // Fri 26 Sep 2025; Sat 27 off, Sun 28 (make-up) = 1, Mon 29 = 2, Tue 30 = 3
        Instant submitted = shanghai("2025-09-26T10:00");
        assertEquals(Instant.parse("2025-09-30T10:00:00Z"), calendar.deadline(submitted, 3));
    }

    @Test
    void reportSubmittedBeforeNationalDay2025SkipsTheEightDayHolidayAndCountsTheMakeUpSaturday() {
        // ..., 1–8 Oct off, Thu 9 = 4, Fri 10 = 5, Sat 11 (make-up) = 6, 13..17 = 7..11, 20..23 = 12..15
        Instant submitted = shanghai("2025-09-26T10:00");
        assertEquals(Instant.parse("2025-10-10T10:00:00Z"), calendar.deadline(submitted, 5));
        assertEquals(Instant.parse("2025-10-11T10:00:00Z"), calendar.deadline(submitted, 6));
        assertEquals(Instant.parse("2025-10-23T10:00:00Z"), calendar.deadline(submitted, 15));
    }

    @Test
    void complaintSubmittedBeforeMidAutumnAndNationalDay2026CountsTheMakeUpSundayAndSaturday() {
        // Fri 18 Sep 2026; Sun 20 (make-up) = 1, 21..24 = 2..5, 25–27 off (中秋), 28..30 = 6..8,
        // 1–7 Oct off, Thu 8 = 9, Fri 9 = 10, Sat 10 (make-up) = 11
        Instant submitted = shanghai("2026-09-18T15:00");
        assertEquals(Instant.parse("2026-09-20T10:00:00Z"), calendar.deadline(submitted, 1));
        assertEquals(Instant.parse("2026-09-24T10:00:00Z"), calendar.deadline(submitted, 5));
        assertEquals(Instant.parse("2026-10-09T10:00:00Z"), calendar.deadline(submitted, 10));
        assertEquals(Instant.parse("2026-10-10T10:00:00Z"), calendar.deadline(submitted, 11));
    }

    // --- Year end --------------------------------------------------------------------------------

    @Test
    void complaintSubmittedOnNewYearsEve2025SkipsJanuaryFirstToThirdAndWorksSundayJanuaryFourth() {
        // Wed 31 Dec 2025; 1–3 Jan 2026 off, Sun 4 Jan (make-up) = 1, Mon 5 = 2, Tue 6 = 3
        Instant submitted = shanghai("2025-12-31T11:00");
        assertEquals(Instant.parse("2026-01-04T10:00:00Z"), calendar.deadline(submitted, 1));
        assertEquals(Instant.parse("2026-01-06T10:00:00Z"), calendar.deadline(submitted, 3));
    }

    // --- Receipt day -----------------------------------------------------------------------------

    @Test
    void aSaturdayOrFridayEveningReceiptPlusOneWorkingDayIsDueMondayAtCloseOfBusiness() {
        // 期间开始之日不计入: day 1 is the first working day after the receipt date, whatever the hour
        assertEquals(Instant.parse("2026-03-09T10:00:00Z"), calendar.deadline(shanghai("2026-03-07T10:00"), 1));
        assertEquals(Instant.parse("2026-03-09T10:00:00Z"), calendar.deadline(shanghai("2026-03-06T19:30"), 1));
        assertEquals(Instant.parse("2026-03-09T10:00:00Z"), calendar.deadline(shanghai("2026-03-06T09:00"), 1));
        assertEquals(Instant.parse("2026-03-09T10:00:00Z"), calendar.deadline(shanghai("2026-03-08T23:59"), 1));
    }

    @Test
    void complaintSubmittedDuringTheHolidayCountsFromTheFirstWorkingDayAfterIt() {
        // Tue 17 Feb 2026 is 春节: the 1st working day after it is Tue 24 Feb
        Instant submitted = shanghai("2026-02-17T10:00");
        assertEquals(date("2026-02-24"), calendar.receiptDay(submitted));
        assertEquals(Instant.parse("2026-02-24T10:00:00Z"), calendar.deadline(submitted, 0));
        assertEquals(Instant.parse("2026-02-24T10:00:00Z"), calendar.deadline(submitted, 1));
        assertEquals(Instant.parse("2026-02-25T10:00:00Z"), calendar.deadline(submitted, 2));
    }

    @Test
    void complaintSubmittedAfterCloseOfBusinessCountsFromTheNextDayLikeOneSubmittedInTheMorning() {
        // Mon 9 Mar 2026 at 18:30, at 18:00 or at 09:00: day 1 is Tue 10
        assertEquals(Instant.parse("2026-03-10T10:00:00Z"), calendar.deadline(shanghai("2026-03-09T18:30"), 1));
        assertEquals(Instant.parse("2026-03-10T10:00:00Z"), calendar.deadline(shanghai("2026-03-09T18:00"), 1));
        assertEquals(Instant.parse("2026-03-10T10:00:00Z"), calendar.deadline(shanghai("2026-03-09T09:00"), 1));
        // Fri 13 Mar 23:59 -> day 1 is Mon 16
        assertEquals(Instant.parse("2026-03-16T10:00:00Z"), calendar.deadline(shanghai("2026-03-13T23:59"), 1));
    }

    @Test
    void complaintSubmittedOnAMakeUpSaturdayCountsFromTheNextWorkingDay() {
        // Sat 28 Feb 2026 is a make-up working day: receipt that day, 1st working day after it Mon 2 Mar
        Instant submitted = shanghai("2026-02-28T09:00");
        assertEquals(date("2026-02-28"), calendar.receiptDay(submitted));
        assertEquals(Instant.parse("2026-02-28T10:00:00Z"), calendar.deadline(submitted, 0));
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), calendar.deadline(submitted, 1));
    }

    @Test
    void zeroWorkingDaysEndsAtCloseOfBusinessOfTheReceiptDay() {
        assertEquals(Instant.parse("2026-03-09T10:00:00Z"), calendar.deadline(shanghai("2026-03-09T09:00"), 0));
        // on an ordinary Saturday the receipt day is Monday
        assertEquals(Instant.parse("2026-03-09T10:00:00Z"), calendar.deadline(shanghai("2026-03-07T09:00"), 0));
        // in the evening the receipt day is the next working day
        assertEquals(Instant.parse("2026-03-10T10:00:00Z"), calendar.deadline(shanghai("2026-03-09T20:00"), 0));
    }

    @Test
    void theLocalDateIsTakenInTheCalendarZoneNotInUtc() {
        // 2026-03-09T23:30Z is already Tue 10 Mar 07:30 in Shanghai
        assertEquals(date("2026-03-10"), calendar.receiptDay(Instant.parse("2026-03-09T23:30:00Z")));
    }

    @Test
    void negativeTimeLimitIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> calendar.deadline(shanghai("2026-03-09T09:00"), -1));
    }

    // --- Overrides -------------------------------------------------------------------------------

    @Test
    void anEmergencyClosureOfAWeekdayAndAnOpenedSaturdayMoveTheDeadline() {
        WorkingCalendar local = calendar.withOverrides(List.of(
                DayOverride.closed(date("2026-03-11"), "台风停工"),
                DayOverride.open(date("2026-03-14"), "集中办理积压件")));
        Instant submitted = shanghai("2026-03-09T10:00");
        // Tue 10 = 1, Wed 11 closed, Thu 12 = 2, Fri 13 = 3, Sat 14 opened = 4
        assertFalse(local.isWorkingDay(date("2026-03-11")));
        assertTrue(local.isWorkingDay(date("2026-03-14")));
        assertEquals(Instant.parse("2026-03-14T10:00:00Z"), local.deadline(submitted, 4));
        // the original calendar is unchanged: Tue 10 .. Fri 13 = 1..4
        assertEquals(Instant.parse("2026-03-13T10:00:00Z"), calendar.deadline(submitted, 4));
        assertTrue(calendar.isWorkingDay(date("2026-03-11")));
    }

    @Test
    void overridesWinOverTheDataFile() {
        WorkingCalendar local = calendar.withOverrides(List.of(
                DayOverride.open(date("2026-01-02"), "值班"),
                DayOverride.closed(date("2026-02-14"), "春节前停电检修")));
        assertTrue(local.isWorkingDay(date("2026-01-02")));
        assertFalse(local.isWorkingDay(date("2026-02-14")));
        // Fri 13 Feb: Sat 14 now closed, so 24..27 Feb = 1..4, Sat 28 = 5
        assertEquals(Instant.parse("2026-02-28T10:00:00Z"), local.deadline(shanghai("2026-02-13T10:00"), 5));
    }

    @Test
    void calendarYearReflectsOverrides() {
        CalendarYear y = calendar.withOverrides(List.of(
                DayOverride.closed(date("2026-03-11"), "台风停工"),
                DayOverride.open(date("2026-03-14"), "加班"),
                DayOverride.open(date("2026-01-02"), "值班"),
                DayOverride.closed(date("2026-02-14"), "停电"))).year(2026);
        assertTrue(y.holidays().contains(date("2026-03-11")));
        assertFalse(y.holidays().contains(date("2026-01-02")));
        assertTrue(y.makeUpWorkingDays().contains(date("2026-03-14")));
        assertFalse(y.makeUpWorkingDays().contains(date("2026-02-14")));
        assertEquals(33 + 1 - 1, y.holidays().size());
        assertEquals(6 + 1 - 1, y.makeUpWorkingDays().size());
    }

    @Test
    void twoOverridesForTheSameDayAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> calendar.withOverrides(List.of(
                DayOverride.closed(date("2026-03-11"), "a"), DayOverride.open(date("2026-03-11"), "b"))));
    }

    // --- Years without data ----------------------------------------------------------------------

    @Test
    void aYearWithoutDataFallsBackToMondayToFridayAndAlertsExactlyOnce() {
        List<Integer> alerts = Collections.synchronizedList(new ArrayList<>());
        WorkingCalendar cal = new WorkingCalendar(HolidayData.bundled(), List.of(), LocalTime.of(18, 0),
                SHANGHAI, alerts::add);
        // Mon 1 May 2028 is counted as a plain Monday (no notice for 2028 is loaded):
        // start Mon 1 May (not counted), 2..5 May = 1..4, Mon 8 May = 5
        assertTrue(cal.isWorkingDay(date("2028-05-01")));
        assertEquals(Instant.parse("2028-05-08T10:00:00Z"), cal.deadline(shanghai("2028-05-01T09:00"), 5));
        assertEquals(Instant.parse("2028-05-19T10:00:00Z"), cal.deadline(shanghai("2028-05-05T09:00"), 10));
        assertFalse(cal.isWorkingDay(date("2028-05-06")));
        assertEquals(List.of(2028), alerts);
        assertFalse(cal.year(2028).announced());
        assertEquals(List.of(2028), alerts);
    }

    @Test
    void aDeadlineRunningIntoAnUnannouncedYearAlertsForThatYear() {
        List<Integer> alerts = Collections.synchronizedList(new ArrayList<>());
        WorkingCalendar cal = calendar.withListener(alerts::add);
        // Mon 28 Dec 2026; 29..31 Dec = 1..3, Fri 1 Jan 2027 (no data: plain Friday) = 4, Mon 4 Jan = 5
        assertEquals(Instant.parse("2027-01-04T10:00:00Z"), cal.deadline(shanghai("2026-12-28T09:00"), 5));
        assertEquals(List.of(2027), alerts);
    }

    @Test
    void aKnownYearNeverAlerts() {
        AtomicInteger alerts = new AtomicInteger();
        WorkingCalendar cal = calendar.withListener(y -> alerts.incrementAndGet());
        cal.deadline(shanghai("2025-01-02T09:00"), 15);
        cal.deadline(shanghai("2026-11-02T09:00"), 15);
        assertEquals(0, alerts.get());
    }

    @Test
    void missingYearIsReportedOnceEvenUnderConcurrentUse() throws Exception {
        AtomicInteger alerts = new AtomicInteger();
        WorkingCalendar cal = calendar.withListener(y -> alerts.incrementAndGet());
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Instant>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cal.deadline(shanghai("2028-03-01T09:00"), 3);
                }));
            }
            start.countDown();
            for (Future<Instant> f : results) {
                assertEquals(Instant.parse("2028-03-06T10:00:00Z"), f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, alerts.get());
    }

    @Test
    void aFailingListenerDoesNotBreakTheComputation() {
        WorkingCalendar cal = calendar.withListener(y -> { throw new IllegalStateException("alert bus down"); });
        assertEquals(Instant.parse("2028-05-08T10:00:00Z"), cal.deadline(shanghai("2028-05-01T09:00"), 5));
    }

    // --- Calendar years --------------------------------------------------------------------------

    @Test
    void calendarYear2026ListsThirtyThreeDaysOffAndSixMakeUpDays() {
        CalendarYear y = calendar.year(2026);
        assertEquals(2026, y.year());
        assertTrue(y.announced());
        assertEquals(33, y.holidays().size());
        assertEquals(6, y.makeUpWorkingDays().size());
        assertEquals(List.of(date("2026-01-04"), date("2026-02-14"), date("2026-02-28"), date("2026-05-09"),
                date("2026-09-20"), date("2026-10-10")), y.makeUpWorkingDays());
        assertEquals(date("2026-01-01"), y.holidays().get(0));
        assertEquals(date("2026-10-07"), y.holidays().get(y.holidays().size() - 1));
        // weekdays off: 33 days minus the 14 weekend days inside the periods
        long weekdaysOff = y.holidays().stream()
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY).count();
        assertEquals(19, weekdaysOff);
    }

    @Test
    void calendarYear2025ListsTwentyEightDaysOffAndFiveMakeUpDays() {
        CalendarYear y = calendar.year(2025);
        assertTrue(y.announced());
        assertEquals(28, y.holidays().size());
        assertEquals(List.of(date("2025-01-26"), date("2025-02-08"), date("2025-04-27"), date("2025-09-28"),
                date("2025-10-11")), y.makeUpWorkingDays());
    }

    @Test
    void workingDaysIn2026AddUpToTheYear() {
        // 261 Mon–Fri days in 2026, minus 19 weekdays off, plus 6 make-up days
        int working = 0;
        for (LocalDate d = date("2026-01-01"); d.getYear() == 2026; d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                working++;
            }
        }
        assertEquals(261 - 19 + 6, working);
    }

    // --- Working-day arithmetic ------------------------------------------------------------------

    @Test
    void addWorkingDaysCountsForwardAndBackwardSkippingDaysOff() {
        assertEquals(date("2026-02-24"), calendar.addWorkingDays(date("2026-02-14"), 1));
        assertEquals(date("2026-02-14"), calendar.addWorkingDays(date("2026-02-24"), -1));
        assertEquals(date("2026-03-09"), calendar.addWorkingDays(date("2026-03-07"), 1));
        assertEquals(date("2026-03-07"), calendar.addWorkingDays(date("2026-03-07"), 0));
        assertEquals(date("2026-01-04"), calendar.addWorkingDays(date("2025-12-31"), 1));
    }

    @Test
    void workingDaysBetweenIsTheInverseOfDeadline() {
        Instant[] starts = {shanghai("2026-02-13T10:00"), shanghai("2025-09-26T18:00"),
                shanghai("2025-12-31T20:00"), shanghai("2026-02-28T09:00"), shanghai("2026-10-03T12:00")};
        for (Instant start : starts) {
            for (int i = 0; i <= 15; i++) {
                int n = i;
                Instant due = calendar.deadline(start, n);
                // after hours 0 and 1 working days end together: the smallest N is the answer
                int taken = calendar.workingDaysBetween(start, due);
                assertTrue(taken <= n, () -> start + " +" + n);
                assertEquals(due, calendar.deadline(start, taken), () -> start + " +" + n);
                assertTrue(calendar.workingDaysBetween(start, due.plusSeconds(1)) > n, () -> start + " +" + n);
            }
        }
    }

    @Test
    void replyBeforeCloseOfBusinessOfTheReceiptDayTookZeroWorkingDays() {
        Instant submitted = shanghai("2026-02-13T10:00");
        assertEquals(0, calendar.workingDaysBetween(submitted, submitted));
        assertEquals(0, calendar.workingDaysBetween(submitted, shanghai("2026-02-13T17:00")));
        // replied on Tue 24 Feb (after the holiday): took 2 working days (14 Feb and 24 Feb)
        assertEquals(2, calendar.workingDaysBetween(submitted, shanghai("2026-02-24T09:00")));
        assertThrows(IllegalArgumentException.class,
                () -> calendar.workingDaysBetween(submitted, submitted.minusSeconds(1)));
    }

    @Test
    void closeOfBusinessAndZoneAreConfigurable() {
        WorkingCalendar cal = new WorkingCalendar(HolidayData.bundled(), List.of(), LocalTime.of(17, 30),
                ZoneId.of("Asia/Urumqi"), MissingYearListener.none());
        assertEquals(LocalTime.of(17, 30), cal.closeOfBusiness());
        assertEquals(ZoneId.of("Asia/Urumqi"), cal.zone());
        // Urumqi is UTC+6: 17:30 local is 11:30Z
        assertEquals(Instant.parse("2026-03-10T11:30:00Z"),
                cal.deadline(LocalDateTime.parse("2026-03-09T17:30").atZone(ZoneId.of("Asia/Urumqi")).toInstant(), 0));
    }

    // --- Provisional deadlines and working time --------------------------------------------------

    @Test
    void aDeadlineReachingAYearWithoutDataIsProvisional() {
        Instant start = shanghai("2026-12-11T10:00");
        Instant due = calendar.deadline(start, 15);
        assertTrue(calendar.isProvisional(start, due));
        assertFalse(calendar.isProvisional(shanghai("2026-03-02T10:00"), calendar.deadline(shanghai("2026-03-02T10:00"), 15)));
    }

    @Test
    void workingTimeCountsOnlyOfficeHoursOfWorkingDays() {
        // Fri 13 Mar 2026 12:00 -> Mon 16 Mar 18:00: 6 h on Friday + 9 h on Monday
        assertEquals(java.time.Duration.ofHours(15),
                calendar.workingTimeBetween(shanghai("2026-03-13T12:00"), shanghai("2026-03-16T18:00")));
        // the Spring Festival holiday counts nothing
        assertEquals(java.time.Duration.ZERO,
                calendar.workingTimeBetween(shanghai("2026-02-16T00:00"), shanghai("2026-02-23T23:00")));
    }

    @Test
    void plusWorkingTimeLandsInsideOfficeHours() {
        // 11.25 h of office time from Fri 12:00: 6 h on Friday, 5 h 15 min on Monday -> Mon 14:15
        assertEquals(shanghai("2026-03-16T14:15"),
                calendar.plusWorkingTime(shanghai("2026-03-13T12:00"), java.time.Duration.ofMinutes(675)));
        // from a Sunday night nothing counts until Monday 09:00
        assertEquals(shanghai("2026-03-16T09:00"),
                calendar.plusWorkingTime(shanghai("2026-03-15T22:00"), java.time.Duration.ZERO));
        // the holiday is skipped: from Fri 13 Feb 17:00 (+2 h): 1 h Friday, Sat 14 (make-up day) 10:00
        assertEquals(shanghai("2026-02-14T10:00"),
                calendar.plusWorkingTime(shanghai("2026-02-13T17:00"), java.time.Duration.ofHours(2)));
    }
}
