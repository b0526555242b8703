package io.zhengfeng.platform.calendar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.contracts.CalendarYearEvent;

/**
 * The working-day calendar of this service instance: the bundled State Council data until the
 * {@link CalendarFeed} delivers the owner's years, then those years as published. Inject this
 * instead of a {@link WorkingCalendar} and ask {@link #current()} for each computation: a new
 * year or override swaps the whole calendar atomically, so one computation never sees half a change.
 *
 * <p>{@link #apply(CalendarYearEvent)} keeps, per year, the event with the highest version; an
 * older or equal one changes nothing, so redelivery and replay from the beginning are harmless.
 */
@ApplicationScoped
public class Calendars {
    private static final System.Logger LOG = System.getLogger(Calendars.class.getName());

    private record State(WorkingCalendar calendar, Map<Integer, CalendarYearEvent> years) {
    }

    private final HolidayData base;
    private final List<Consumer<CalendarYearEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile State state;

    public Calendars() {
        this(HolidayData.bundled());
    }

    /** A calendar starting from {@code base} (the bundled data in services; anything in tests). */
    public Calendars(HolidayData base) {
        this.base = base;
        this.state = new State(build(base, Map.of()), Map.of());
    }

    /** The calendar as of now; never null. */
    public WorkingCalendar current() {
        return state.calendar();
    }

    /** The version of {@code year} this instance applied, if the feed delivered that year. */
    public Optional<Long> version(int year) {
        return Optional.ofNullable(state.years().get(year)).map(CalendarYearEvent::version);
    }

    /** The last applied event of {@code year}, if any. */
    public Optional<CalendarYearEvent> year(int year) {
        return Optional.ofNullable(state.years().get(year));
    }

    /** Told after a year event changed the calendar (for instance to recompute deadlines). */
    public void onChange(Consumer<CalendarYearEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Applies a year's whole state if it is newer than what this instance has.
     *
     * @return whether the calendar changed
     * @throws IllegalArgumentException if the year's data is inconsistent (the calendar is kept as it was)
     */
    public boolean apply(CalendarYearEvent event) {
        synchronized (this) {
            State s = state;
            CalendarYearEvent known = s.years().get(event.year());
            if (known != null && known.version() >= event.version()) {
                return false;
            }
            Map<Integer, CalendarYearEvent> years = new TreeMap<>(s.years());
            years.put(event.year(), event);
            WorkingCalendar next = build(base, years); // throws before the swap if inconsistent
            state = new State(next, Collections.unmodifiableMap(years));
        }
        LOG.log(System.Logger.Level.INFO, "Calendar year " + event.year() + " v" + event.version() + " applied ("
                + (event.announced() ? event.notice() : "not announced") + ", " + event.overrides().size() + " overrides)");
        for (Consumer<CalendarYearEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "calendar listener failed", e);
            }
        }
        return true;
    }

    /** The calendar {@code event} would give, without applying it (the owner validates with it). */
    public WorkingCalendar preview(CalendarYearEvent event) {
        Map<Integer, CalendarYearEvent> years = new TreeMap<>(state.years());
        years.put(event.year(), event);
        return build(base, years);
    }

    static WorkingCalendar build(HolidayData base, Map<Integer, CalendarYearEvent> years) {
        HolidayData data = base;
        List<DayOverride> overrides = new ArrayList<>();
        for (CalendarYearEvent y : years.values()) {
            if (y.announced()) {
                data = data.withNotice(notice(y));
            } else {
                data = data.withoutNotice(y.year());
            }
            for (CalendarYearEvent.Day d : y.overrides()) {
                overrides.add(new DayOverride(d.date(), d.working(), d.reason()));
            }
        }
        return new WorkingCalendar(data, overrides, WorkingCalendar.DEFAULT_OPEN_OF_BUSINESS,
                WorkingCalendar.DEFAULT_CLOSE_OF_BUSINESS, WorkingCalendar.DEFAULT_ZONE, MissingYearListener.none());
    }

    /** The notice part of a year event, as holiday data. */
    public static HolidayData.Notice notice(CalendarYearEvent y) {
        return new HolidayData.Notice(y.year(), y.notice(),
                y.holidays().stream().map(h -> new HolidayData.Holiday(h.name(), h.days())).toList(),
                y.makeUpWorkingDays());
    }
}
