package io.zhengfeng.platform.calendar;

/**
 * Told when a {@link WorkingCalendar} computation touches a year the holiday data does not know
 * (the State Council notice for it was not loaded). The calendar then counts that year as plain
 * Monday–Friday, which is almost certainly wrong around the holidays, so a service should raise an
 * admin alert. Called at most once per year per calendar instance, from whichever thread first
 * touches the year; it must be quick and must not call back into the calendar. An exception it
 * throws is logged and swallowed: the computation still completes.
 */
@FunctionalInterface
public interface MissingYearListener {

    void yearWithoutData(int year);

    /** A listener that does nothing. */
    static MissingYearListener none() {
        return year -> { };
    }
}
