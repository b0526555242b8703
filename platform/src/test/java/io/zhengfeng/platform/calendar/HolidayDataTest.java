package io.zhengfeng.platform.calendar;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HolidayDataTest {

    private final HolidayData data = HolidayData.bundled();

    private static HolidayData parse(String json) {
        InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
        return HolidayData.load(in);
    }

    @Test
    void bundledFileKnows2025And2026AndNothingElse() {
        assertEquals(Set.of(2025, 2026), data.years());
        assertTrue(data.knows(2025));
        assertTrue(data.knows(2026));
        assertFalse(data.knows(2027));
        assertFalse(data.knows(2024));
        assertTrue(data.holidays(2027).isEmpty());
        assertTrue(data.makeUpWorkingDays(2027).isEmpty());
    }

    @Test
    void bundledFileNamesTheNotices() {
        assertEquals("国办发明电〔2024〕12号", data.notice(2025).orElseThrow().notice());
        assertEquals("国办发明电〔2025〕7号", data.notice(2026).orElseThrow().notice());
        assertFalse(data.source().isBlank());
    }

    @Test
    void bundledFileHasTheAnnouncedCounts() {
        assertEquals(28, data.holidays(2025).size());
        assertEquals(5, data.makeUpWorkingDays(2025).size());
        assertEquals(33, data.holidays(2026).size());
        assertEquals(6, data.makeUpWorkingDays(2026).size());
        assertEquals(6, data.namedHolidays(2025).size());
        assertEquals(7, data.namedHolidays(2026).size());
        assertEquals(List.of(8, 3), data.namedHolidays(2025).stream()
                .filter(h -> h.name().equals("春节") || h.name().equals("清明节"))
                .map(h -> h.days().size()).toList());
        assertEquals(9, data.namedHolidays(2026).stream()
                .filter(h -> h.name().equals("春节")).findFirst().orElseThrow().days().size());
    }

    @Test
    void noDateIsBothHolidayAndMakeUpWorkingDay() {
        for (int year : data.years()) {
            Set<LocalDate> both = new HashSet<>(data.holidays(year));
            both.retainAll(data.makeUpWorkingDays(year));
            assertTrue(both.isEmpty(), () -> year + ": " + both);
        }
    }

    @Test
    void makeUpWorkingDaysAreAllWeekendDays() {
        for (int year : data.years()) {
            for (LocalDate d : data.makeUpWorkingDays(year)) {
                DayOfWeek w = d.getDayOfWeek();
                assertTrue(w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY, () -> d + " is a " + w);
            }
        }
    }

    @Test
    void holidaysAndMakeUpDaysAreSortedAndInsideTheirYear() {
        for (int year : data.years()) {
            for (List<LocalDate> dates : List.of(data.holidays(year), data.makeUpWorkingDays(year))) {
                for (int i = 0; i < dates.size(); i++) {
                    assertEquals(year, dates.get(i).getYear(), dates.get(i)::toString);
                    if (i > 0) {
                        assertTrue(dates.get(i - 1).isBefore(dates.get(i)), dates.get(i)::toString);
                    }
                }
            }
        }
    }

    @Test
    void everyHolidayPeriodIsConsecutiveDays() {
        for (int year : data.years()) {
            for (HolidayData.Holiday h : data.namedHolidays(year)) {
                List<LocalDate> days = h.days();
                assertEquals(days.get(0).plusDays(days.size() - 1), days.get(days.size() - 1), h::toString);
            }
        }
    }

    @Test
    void lookupsByDateWork() {
        assertTrue(data.isHoliday(LocalDate.parse("2026-02-17")));
        assertTrue(data.isMakeUpWorkingDay(LocalDate.parse("2026-02-14")));
        assertFalse(data.isHoliday(LocalDate.parse("2026-02-24")));
    }

    @Test
    void loadRejectsADateBothHolidayAndMakeUpDay() {
        assertThrows(IllegalArgumentException.class, () -> parse("""
                {"years": {"2030": {"holidays": [{"name": "x", "days": ["2030-01-05"]}],
                                    "makeUpWorkingDays": ["2030-01-05"]}}}"""));
    }

    @Test
    void loadRejectsAWeekdayMakeUpDay() {
        // 2030-01-07 is a Monday
        assertThrows(IllegalArgumentException.class, () -> parse("""
                {"years": {"2030": {"holidays": [], "makeUpWorkingDays": ["2030-01-07"]}}}"""));
    }

    @Test
    void loadRejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> parse("{not json"));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"years\": {\"abc\": {}}}"));
        assertThrows(IllegalArgumentException.class, () -> parse("""
                {"years": {"2030": {"holidays": [{"name": "x", "days": ["2030-02-30"]}]}}}"""));
        assertThrows(IllegalArgumentException.class, () -> parse("""
                {"years": {"2030": {"holidays": [{"name": "x", "days": ["2033-01-01"]}]}}}"""));
        assertThrows(IllegalArgumentException.class, () -> parse("""
                {"years": {"2030": {"holidays": [{"name": "x", "days": ["2030-01-01"]},
                                                 {"name": "y", "days": ["2030-01-01"]}]}}}"""));
    }

    @Test
    void aNoticeMayPutAHolidayOnTheLastDayOfThePreviousYear() {
        // shaped like the 2023 notice, whose 元旦 ran from 2022-12-31 to 2023-01-02
        HolidayData d = parse("""
                {"years": {"2023": {"notice": "test notice",
                                    "holidays": [{"name": "元旦", "days": ["2022-12-31", "2023-01-01", "2023-01-02"]}]}}}""");
        assertTrue(d.isHoliday(LocalDate.parse("2022-12-31")));
        WorkingCalendar cal = new WorkingCalendar(d, List.of(), WorkingCalendar.DEFAULT_CLOSE_OF_BUSINESS,
                WorkingCalendar.DEFAULT_ZONE, MissingYearListener.none());
        assertEquals(List.of(LocalDate.parse("2022-12-31")), cal.year(2022).holidays());
        assertFalse(cal.year(2022).announced());
        assertFalse(cal.isWorkingDay(LocalDate.parse("2023-01-02")));
    }

    @Test
    void withNoticeAddsAYear() {
        HolidayData more = data.withNotice(new HolidayData.Notice(2027, "test",
                List.of(new HolidayData.Holiday("元旦", List.of(LocalDate.parse("2027-01-01")))), List.of()));
        assertEquals(Set.of(2025, 2026, 2027), more.years());
        assertEquals(Set.of(2025, 2026), data.years());
    }

    @Test
    void emptyDataKnowsNoYear() {
        assertTrue(HolidayData.empty().years().isEmpty());
        assertFalse(HolidayData.empty().knows(2026));
    }
}
