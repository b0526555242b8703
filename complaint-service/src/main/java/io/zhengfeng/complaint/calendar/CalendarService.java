package io.zhengfeng.complaint.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.complaint.persistence.CalendarOverrideEntity;
import io.zhengfeng.platform.calendar.DayOverride;
import io.zhengfeng.platform.calendar.HolidayData;
import io.zhengfeng.platform.calendar.WorkingCalendar;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * The bureau's calendar: the State Council's notices (shipped as data) plus the admin's overrides
 * (stored here). A year the notices do not cover falls back to Monday–Friday and raises an alert.
 */
@ApplicationScoped
public class CalendarService {
    private static final Logger LOG = Logger.getLogger(CalendarService.class);

    private final HolidayData data = HolidayData.bundled();
    private final Set<Integer> yearsWithoutData = ConcurrentHashMap.newKeySet();
    private volatile WorkingCalendar calendar;

    public CalendarService(MeterRegistry metrics) {
        metrics.gauge("zhengfeng.calendar.years_without_data", yearsWithoutData, Set::size);
    }

    void load(@Observes StartupEvent ignored) {
        reload();
    }

    public WorkingCalendar calendar() {
        if (calendar == null) {
            reload();
        }
        return calendar;
    }

    public Instant deadline(Instant start, int workingDays) {
        return calendar().deadline(start, workingDays);
    }

    /** Years a computation needed but no notice covers: the admin must add them. */
    public Set<Integer> yearsWithoutData() {
        return Set.copyOf(yearsWithoutData);
    }

    @Transactional
    public void override(LocalDate day, boolean working, String reason, String admin) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badField("reason", "must not be blank");
        }
        CalendarOverrideEntity entity = CalendarOverrideEntity.findById(day);
        if (entity == null) {
            entity = new CalendarOverrideEntity();
            entity.day = day;
        }
        entity.working = working;
        entity.reason = reason;
        entity.createdBy = admin;
        entity.createdAt = Instant.now();
        entity.persist();
        reloadAfterCommit();
    }

    @Transactional
    public boolean removeOverride(LocalDate day) {
        boolean removed = CalendarOverrideEntity.deleteById(day);
        reloadAfterCommit();
        return removed;
    }

    @Transactional
    public List<CalendarOverrideEntity> overrides() {
        return CalendarOverrideEntity.listAll(io.quarkus.panache.common.Sort.by("day"));
    }

    private void reloadAfterCommit() {
        CalendarOverrideEntity.getEntityManager().flush();
        calendar = build(CalendarOverrideEntity.<CalendarOverrideEntity>listAll().stream()
                .map(o -> new DayOverride(o.day, o.working, o.reason)).toList());
    }

    @Transactional
    void reload() {
        calendar = build(CalendarOverrideEntity.<CalendarOverrideEntity>listAll().stream()
                .map(o -> new DayOverride(o.day, o.working, o.reason)).toList());
    }

    private WorkingCalendar build(List<DayOverride> overrides) {
        return new WorkingCalendar(data, overrides, WorkingCalendar.DEFAULT_CLOSE_OF_BUSINESS,
                WorkingCalendar.DEFAULT_ZONE, year -> {
                    if (yearsWithoutData.add(year)) {
                        LOG.errorf("ADMIN ALERT: no State Council holiday notice for %d in the calendar data; "
                                + "deadlines in %d count Monday–Friday only until an admin adds the year", year, year);
                    }
                });
    }
}
