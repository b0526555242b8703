package io.zhengfeng.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The whole state of one year of the bureau's working-day calendar after a change (type
 * {@link EventTypes#CALENDAR_YEAR_CHANGED}, topic {@link Topics#CALENDAR}, key = the year).
 * Because it carries the whole year, applying it is idempotent and a replay from the beginning of
 * the topic rebuilds the calendar; a consumer keeps, per year, the highest {@code version} it saw.
 *
 * @param year              the calendar year
 * @param announced         {@code true} when the State Council notice for the year is loaded;
 *                          {@code false} means Monday–Friday plus the overrides below (deadlines
 *                          reaching the year are provisional)
 * @param notice            the notice's reference, e.g. "国办发明电〔2025〕7号"; null when not announced
 * @param published         the notice's date, null if unknown
 * @param holidays          the notice's named holiday periods (every day off, weekend days inside included)
 * @param makeUpWorkingDays the weekend days the notice declares working (调休上班)
 * @param overrides         the admin's single-day changes inside the year (they win over the notice)
 * @param version           increases with every change of this year
 * @param changedBy         the admin who made the change
 * @param changedAt         when
 */
public record CalendarYearEvent(
        int year,
        boolean announced,
        String notice,
        LocalDate published,
        List<Holiday> holidays,
        List<LocalDate> makeUpWorkingDays,
        List<Day> overrides,
        long version,
        String changedBy,
        Instant changedAt) {

    /** One named holiday period (e.g. 春节) and its days off. */
    public record Holiday(String name, List<LocalDate> days) {
    }

    /** A day an admin declared working or not, and why. */
    public record Day(LocalDate date, boolean working, String reason) {
    }
}
