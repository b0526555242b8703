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
 *   <li>The start day is never counted (期间开始之日不计入): a deadline of N working days (N ≥ 1)
 *       ends at close of business of the Nth working day strictly after the <em>local date</em>
 *       (in {@link #zone()}) of the start instant, whatever the hour and whether or not that date
 *       is a working day. Saturday 2026-03-07 at 10:00 and Friday 2026-03-06 at 19:30 plus one
 *       working day both end on Monday 2026-03-09 at 18:00; so does Friday 09:00 plus one.</li>
 *   <li>N = 0 (a same-day limit) ends at close of business of the <em>receipt day</em>: the local
 *       date if it is a working day and the local time is before {@link #closeOfBusiness()},
 *       otherwise the next working day. Negative N is rejected with {@link IllegalArgumentException}.</li>
 *   <li>Make-up working days count like any other working day; days off do not count.</li>
 *   <li>The result is the {@link Instant} of that close of business. It is <em>provisional</em>
 *       ({@link #isProvisional(Instant, Instant)}) when a year it spans has no holiday data: those
 *       days were counted Monday–Friday and the owning service recomputes it when the year is loaded.</li>
 * </ul>
 * Example: a complaint (5 working days) received Friday 2026-02-13 10:00 is due on
 * 2026-02-27 18:00 Asia/Shanghai: Saturday 14 February is a make-up working day (1), 15–23 February
 * are the Spring Festival holiday, then 24, 25, 26 and 27 February (2–5).
 *
 * <h2>Working time</h2>
 * Office hours are {@link #openOfBusiness()}–{@link #closeOfBusiness()} (default 09:00–18:00) on
 * working days. {@link #workingTimeBetween(Instant, Instant)} and {@link #plusWorkingTime(Instant,
 * java.time.Duration)} measure and place instants in that time only, so a reminder at 75 % of a
 * span lands in office hours, never at night or on a day off.
 *
 * <p>{@link #workingDaysBetween(Instant, Instant)} is the inverse used for on-time statistics: the
 * smallest N such that {@code to} is no later than {@code deadline(from, N)}.
 */
public final class WorkingCalendar {

    private static final System.Logger LOG = System.getLogger(WorkingCalendar.class.getName());

    /** Default close of business (下班时间). */
    public static final LocalTime DEFAULT_CLOSE_OF_BUSINESS = LocalTime.of(18, 0);
    /** Default opening of the office (上班时间). */
    public static final LocalTime DEFAULT_OPEN_OF_BUSINESS = LocalTime.of(9, 0);
    /** Default zone of the bureau. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** How far a search for the next working day goes before the calendar is declared broken. */
    private static final int MAX_DAYS_WITHOUT_WORK = 3660;

    private final HolidayData data;
    private final List<DayOverride> overrides;
    private final Map<LocalDate, DayOverride> overrideByDate;
    private final LocalTime openOfBusiness;
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
        this(data, overrides, DEFAULT_OPEN_OF_BUSINESS, closeOfBusiness, zone, listener);
    }

    /**
     * @param openOfBusiness the local time a working day starts, before {@code closeOfBusiness}
     */
    public WorkingCalendar(HolidayData data, List<DayOverride> overrides, LocalTime openOfBusiness,
                           LocalTime closeOfBusiness, ZoneId zone, MissingYearListener listener) {
        this.data = Objects.requireNonNull(data, "data");
        this.openOfBusiness = Objects.requireNonNull(openOfBusiness, "openOfBusiness");
        if (!openOfBusiness.isBefore(closeOfBusiness)) {
            throw new IllegalArgumentException("office opens (" + openOfBusiness + ") after it closes (" + closeOfBusiness + ")");
        }
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

    /** Bundled mainland-China data, no overrides, 09:00–18:00, Asia/Shanghai, no listener. */
    public static WorkingCalendar chinaMainland() {
        return new WorkingCalendar(HolidayData.bundled(), List.of(), DEFAULT_CLOSE_OF_BUSINESS,
                DEFAULT_ZONE, MissingYearListener.none());
    }

    /** This calendar with {@code overrides} instead of its current ones (same data, hours, zone, listener). */
    public WorkingCalendar withOverrides(List<DayOverride> overrides) {
        return new WorkingCalendar(data, overrides, openOfBusiness, closeOfBusiness, zone, listener);
    }

    /** This calendar over {@code data} instead of its current holiday data (same overrides, hours, zone, listener). */
    public WorkingCalendar withData(HolidayData data) {
        return new WorkingCalendar(data, overrides, openOfBusiness, closeOfBusiness, zone, listener);
    }

    /** This calendar telling {@code listener} about years without data. */
    public WorkingCalendar withListener(MissingYearListener listener) {
        return new WorkingCalendar(data, overrides, openOfBusiness, closeOfBusiness, zone, listener);
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

    public LocalTime openOfBusiness() {
        return openOfBusiness;
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

    /** The receipt day of {@code instant}, used for same-day (N = 0) limits: see the class comment. */
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
     * of business of the {@code workingDays}th working day after the local date of {@code start}
     * (the start day is never counted); of the receipt day for 0.
     *
     * @throws IllegalArgumentException if {@code workingDays} is negative
     */
    public Instant deadline(Instant start, int workingDays) {
        Objects.requireNonNull(start, "start");
        if (workingDays < 0) {
            throw new IllegalArgumentException("a time limit cannot be negative: " + workingDays);
        }
        if (workingDays == 0) {
            return closeOfBusiness(receiptDay(start));
        }
        return closeOfBusiness(addWorkingDays(start.atZone(zone).toLocalDate(), workingDays));
    }

    /**
     * Whether a deadline from {@code start} to {@code due} crossed a year the holiday data does not
     * know: its days there were counted Monday–Friday, so it must be recomputed once that year's
     * notice is loaded.
     */
    public boolean isProvisional(Instant start, Instant due) {
        int from = start.atZone(zone).getYear();
        int to = due.atZone(zone).getYear();
        for (int y = Math.min(from, to); y <= Math.max(from, to); y++) {
            if (!data.knows(y)) {
                return true;
            }
        }
        return false;
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
        if (!to.isAfter(deadline(from, 0))) {
            return 0;
        }
        LocalDate day = from.atZone(zone).toLocalDate();
        int n = 0;
        do {
            day = nextWorkingDay(day);
            n++;
        } while (to.isAfter(closeOfBusiness(day)));
        return n;
    }

    /**
     * The office time (working days, {@link #openOfBusiness()}–{@link #closeOfBusiness()}) between
     * two instants; zero if {@code to} is not after {@code from}.
     */
    public java.time.Duration workingTimeBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        java.time.Duration total = java.time.Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate d = from.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            if (!isWorkingDay(d)) {
                continue;
            }
            Instant open = max(from, d.atTime(openOfBusiness).atZone(zone).toInstant());
            Instant close = min(to, closeOfBusiness(d));
            if (close.isAfter(open)) {
                total = total.plus(java.time.Duration.between(open, close));
            }
        }
        return total;
    }

    /**
     * The instant {@code amount} of office time after {@code from}: always inside office hours of a
     * working day (a zero amount from a night or a day off gives the next opening).
     */
    public Instant plusWorkingTime(Instant from, java.time.Duration amount) {
        Objects.requireNonNull(from, "from");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount cannot be negative: " + amount);
        }
        java.time.Duration left = amount;
        LocalDate d = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS_WITHOUT_WORK * 2; i++, d = d.plusDays(1)) {
            if (!isWorkingDay(d)) {
                continue;
            }
            Instant open = max(from, d.atTime(openOfBusiness).atZone(zone).toInstant());
            Instant close = closeOfBusiness(d);
            if (!close.isAfter(open)) {
                continue;
            }
            java.time.Duration available = java.time.Duration.between(open, close);
            if (left.compareTo(available) <= 0) {
                return open.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException("no office time within reach of " + from + ": check the calendar's overrides");
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
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
        return "WorkingCalendar[" + data + ", " + overrides.size() + " overrides, " + openOfBusiness + "–" + closeOfBusiness + " " + zone + "]";
    }
}
