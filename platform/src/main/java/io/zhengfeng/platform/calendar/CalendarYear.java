package io.zhengfeng.platform.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One calendar year as a {@link WorkingCalendar} sees it, local overrides applied.
 *
 * @param year              the calendar year
 * @param holidays          every day off by the notice (weekend days inside a holiday period
 *                          included) plus the weekdays an override closes, minus the days an
 *                          override opens; sorted, each inside {@code year}
 * @param makeUpWorkingDays the weekend days that are working days (调休上班), from the notice or
 *                          from an override; sorted, each inside {@code year}
 * @param announced         {@code true} when the holiday data knows this year's State Council
 *                          notice; {@code false} means the calendar falls back to Monday–Friday
 *                          for this year (only overrides change it) and an admin should load the
 *                          notice
 */
public record CalendarYear(int year, List<LocalDate> holidays, List<LocalDate> makeUpWorkingDays,
                           boolean announced) {

    public CalendarYear {
        holidays = List.copyOf(Objects.requireNonNull(holidays, "holidays"));
        makeUpWorkingDays = List.copyOf(Objects.requireNonNull(makeUpWorkingDays, "makeUpWorkingDays"));
    }
}
