package io.zhengfeng.platform.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bureau's working-day calendar and the time-limit (限时办结) arithmetic built on it.
 * Immutable and thread-safe; share one instance.
 *
 * <h2>Working days</h2>
 * A date (local to {@link #zone()}) is a working day when, in this order of precedence:
 * <ol>
 *   <li>an administrator's {@link DayOverride} for it exists: its {@code working} flag decides;</li>
 *   <li>the {@link HolidayData} declares it a make-up working day (调休上班): working;</li>
 *   <li>the holiday data gives it off (weekend days inside a holiday period included): not working;</li>
 *   <li>otherwise Monday–Friday are working days, Saturday and Sunday are not.</li>
 * </ol>
 * When a date's year is not in the holiday data (its notice was not loaded) and no notice mentions
 * the date, step 4 alone applies, nothing is guessed, and the {@link MissingYearListener} is told
 * (at most once per year for this instance) so an admin can be alerted.
 *
 * <h2>Deadlines</h2>
 * <ul>
 *   <li>The <em>receipt day</em> of an instant is its local date in {@link #zone()} if that date is
 *       a working day and the local time is strictly before {@link #closeOfBusiness()}; otherwise it
 *       is the next working day. So something received at exactly 18:00, in the evening, on a
 *       weekend or on a holiday counts as received on the next working day.</li>
 *   <li>A deadline of N working days (N ≥ 1) ends at close of business of the Nth working day after
 *       the receipt day; N = 0 ends at close of business of the receipt day itself. Negative N is
 *       rejected with {@link IllegalArgumentException}.</li>
 *   <li>Make-up working days count like any other working day; days off do not count.</li>
 *   <li>The result is the {@link Instant} of that close of business.</li>
 * </ul>
 * Example: a complaint (5 working days) received Friday 2026-02-13 10:00 is due on
 * 2026-02-27 18:00 Asia/Shanghai: Saturday 14 February is a make-up working day (1), 15–23 February
 * are the Spring Festival holiday, then 24, 25, 26 and 27 February (2–5).
 *
 * <p>{@link #workingDaysBetween(Instant, Instant)} is the inverse used for on-time statistics: the
 * smallest N such that {@code to} is no later than {@code deadline(from, N)}.
 */
public final class WorkingCalendar {

    private static final System.Logger LOG = System.getLogger(WorkingCalendar.class.getName());

    /** Default close of business (下班时间). */
    public static final LocalTime DEFAULT_CLOSE_OF_BUSINESS = LocalTime.of(18, 0);
    /** Default zone of the bureau. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** How far a search for the next working day goes before the calendar is declared broken. */
    private static final int MAX_DAYS_WITHOUT_WORK = 3660;

    private final HolidayData data;
    private final List<DayOverride> overrides;
    private final Map<LocalDate, DayOverride> overrideByDate;
    private final LocalTime closeOfBusiness;
    private final ZoneId zone;
    private final MissingYearListener listener;
    private final Set<Integer> reportedYears = ConcurrentHashMap.newKeySet();

    /**
     * @param data            the announced holidays and make-up days
     * @param overrides       local changes, at most one per date (else {@link IllegalArgumentException})
     * @param closeOfBusiness the local time a working day ends
     * @param zone            the zone local dates and times are taken in
     * @param listener        told about years without data; {@code null} means none
     */
    public WorkingCalendar(HolidayData data, List<DayOverride> overrides, LocalTime closeOfBusiness,
                           ZoneId zone, MissingYearListener listener) {
        this.data = Objects.requireNonNull(data, "data");
        this.closeOfBusiness = Objects.requireNonNull(closeOfBusiness, "closeOfBusiness");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.listener = listener == null ? MissingYearListener.none() : listener;
        this.overrides = List.copyOf(overrides == null ? List.of() : overrides);
        Map<LocalDate, DayOverride> byDate = new HashMap<>();
        for (DayOverride o : this.overrides) {
            if (byDate.put(o.date(), o) != null) {
                throw new IllegalArgumentException("two overrides for " + o.date());
            }
        }
        this.overrideByDate = Map.copyOf(byDate);
    }

    /** Bundled mainland-China data, no overrides, 18:00, Asia/Shanghai, no listener. */
    public static WorkingCalendar chinaMainland() {
        return new WorkingCalendar(HolidayData.bundled(), List.of(), DEFAULT_CLOSE_OF_BUSINESS,
                DEFAULT_ZONE, MissingYearListener.none());
    }

    /** This calendar with {@code overrides} instead of its current ones (same data, hours, zone, listener). */
    public WorkingCalendar withOverrides(List<DayOverride> overrides) {
        return new WorkingCalendar(data, overrides, closeOfBusiness, zone, listener);
    }

    /** This calendar telling {@code listener} about years without data. */
    public WorkingCalendar withListener(MissingYearListener listener) {
        return new WorkingCalendar(data, overrides, closeOfBusiness, zone, listener);
    }

    public HolidayData data() {
        return data;
    }

    public List<DayOverride> overrides() {
        return overrides;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalTime closeOfBusiness() {
        return closeOfBusiness;
    }

    /** Whether {@code date} is a working day (see the class comment for the rule). */
    public boolean isWorkingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        DayOverride o = overrideByDate.get(date);
        if (o != null) {
            return o.working();
        }
        if (data.isMakeUpWorkingDay(date)) {
            return true;
        }
        if (data.isHoliday(date)) {
            return false;
        }
        if (!data.knows(date.getYear())) {
            reportMissing(date.getYear());
        }
        return !HolidayData.isWeekend(date);
    }

    /**
     * The year as this calendar sees it, overrides applied: a day off by the data stays in
     * {@code holidays} unless an override opens it; a weekday an override closes is added to
     * {@code holidays}; a weekend day that is working (by the data or an override) is in
     * {@code makeUpWorkingDays}. Only dates inside {@code year} are listed. Asking for a year
     * without data returns {@code announced = false} and does not call the listener.
     */
    public CalendarYear year(int year) {
        TreeSet<LocalDate> candidates = new TreeSet<>();
        for (int y = year - 1; y <= year + 1; y++) {
            candidates.addAll(data.holidays(y));
            candidates.addAll(data.makeUpWorkingDays(y));
        }
        candidates.addAll(overrideByDate.keySet());
        List<LocalDate> holidays = new ArrayList<>();
        List<LocalDate> makeUp = new ArrayList<>();
        for (LocalDate d : candidates) {
            if (d.getYear() != year) {
                continue;
            }
            DayOverride o = overrideByDate.get(d);
            boolean weekend = HolidayData.isWeekend(d);
            boolean working = o != null ? o.working()
                    : data.isMakeUpWorkingDay(d) || (!data.isHoliday(d) && !weekend);
            if (working && weekend) {
                makeUp.add(d);
            } else if (!working && (!weekend || data.isHoliday(d))) {
                holidays.add(d);
            }
        }
        return new CalendarYear(year, holidays, makeUp, data.knows(year));
    }

    /** The receipt day of {@code instant}: see the class comment. */
    public LocalDate receiptDay(Instant instant) {
        ZonedDateTime local = Objects.requireNonNull(instant, "instant").atZone(zone);
        LocalDate date = local.toLocalDate();
        if (isWorkingDay(date) && local.toLocalTime().isBefore(closeOfBusiness)) {
            return date;
        }
        return nextWorkingDay(date);
    }

    /** The first working day strictly after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        return step(date, 1);
    }

    /** The last working day strictly before {@code date}. */
    public LocalDate previousWorkingDay(LocalDate date) {
        return step(date, -1);
    }

    /** Close of business of {@code date} as an instant (whether or not it is a working day). */
    public Instant closeOfBusiness(LocalDate date) {
        return date.atTime(closeOfBusiness).atZone(zone).toInstant();
    }

    /**
     * The end of a time limit of {@code workingDays} working days started at {@code start}: close
     * of business of the {@code workingDays}th working day after the receipt day (of the receipt
     * day itself for 0).
     *
     * @throws IllegalArgumentException if {@code workingDays} is negative
     */
    public Instant deadline(Instant start, int workingDays) {
        Objects.requireNonNull(start, "start");
        if (workingDays < 0) {
            throw new IllegalArgumentException("a time limit cannot be negative: " + workingDays);
        }
        return closeOfBusiness(addWorkingDays(receiptDay(start), workingDays));
    }

    /**
     * The {@code n}th working day after {@code from} ({@code from} itself need not be a working
     * day and is never counted); for negative {@code n} the |n|th working day before it; {@code from}
     * for 0.
     */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        Objects.requireNonNull(from, "from");
        int direction = n >= 0 ? 1 : -1;
        LocalDate d = from;
        for (int i = 0; i < Math.abs((long) n); i++) {
            d = step(d, direction);
        }
        return d;
    }

    /**
     * The working days taken from {@code from} to {@code to}: the smallest N ≥ 0 with
     * {@code !to.isAfter(deadline(from, N))}. So an answer given before close of business of the
     * receipt day took 0 working days, one given the next working day took 1, and an item with a
     * limit of N working days was on time exactly when this is ≤ N.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public int workingDaysBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        LocalDate day = receiptDay(from);
        int n = 0;
        while (to.isAfter(closeOfBusiness(day))) {
            day = nextWorkingDay(day);
            n++;
        }
        return n;
    }

    private LocalDate step(LocalDate from, int direction) {
        LocalDate d = from;
        for (int i = 0; i < MAX_DAYS_WITHOUT_WORK; i++) {
            d = d.plusDays(direction);
            if (isWorkingDay(d)) {
                return d;
            }
        }
        throw new IllegalStateException("no working day within " + MAX_DAYS_WITHOUT_WORK + " days of " + from
                + ": check the calendar's overrides");
    }

    private void reportMissing(int year) {
        if (reportedYears.add(year)) {
            try {
                listener.yearWithoutData(year);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "missing-year listener failed for " + year, e);
            }
        }
    }

    @Override
    public String toString() {
        return "WorkingCalendar[" + data + ", " + overrides.size() + " overrides, " + closeOfBusiness + " " + zone + "]";
    }
}
