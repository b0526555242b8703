package io.zhengfeng.complaint.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.zhengfeng.complaint.persistence.CalendarOverrideEntity;
import io.zhengfeng.complaint.persistence.CalendarYearEntity;
import io.zhengfeng.complaint.service.AuditTrail;
import io.zhengfeng.complaint.service.ProvisionalDeadlines;
import io.zhengfeng.contracts.CalendarYearEvent;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.calendar.CalendarFeed;
import io.zhengfeng.platform.calendar.Calendars;
import io.zhengfeng.platform.calendar.HolidayData;
import io.zhengfeng.platform.calendar.WorkingCalendar;
import io.zhengfeng.platform.config.PlatformConfig;
import io.zhengfeng.platform.events.Outbox;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * complaint-service owns the bureau's calendar: the State Council notices (loaded by admin, the
 * bundled years seeded at first start) and the admin's day overrides, stored here. Every change
 * bumps its year's version and publishes the whole year ({@link CalendarYearEvent}, topic
 * {@code zhengfeng.calendar}) through the outbox, in the change's transaction; every replica of
 * every service — this one's included — applies it from the topic ({@link Calendars}). The replica
 * that took the change also applies it right after commit, and recomputes the open provisional
 * deadlines in the same transaction.
 */
@ApplicationScoped
public class CalendarService {
    private static final Logger LOG = Logger.getLogger(CalendarService.class);
    private static final TypeReference<List<CalendarYearEvent.Holiday>> HOLIDAYS = new TypeReference<>() {
    };
    private static final TypeReference<List<LocalDate>> DATES = new TypeReference<>() {
    };

    /** A holiday period of a notice as the admin sends it. */
    public record HolidayPeriod(String name, List<LocalDate> days) {
    }

    /** A year's notice as the admin sends it. */
    public record YearLoad(String notice, LocalDate published, List<HolidayPeriod> holidays, List<LocalDate> makeUpWorkingDays) {
    }

    private final Calendars calendars;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ProvisionalDeadlines provisional;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final EntityManager em;
    private final PlatformConfig platform;

    public CalendarService(Calendars calendars, Outbox outbox, AuditTrail audit, ProvisionalDeadlines provisional,
            ObjectMapper json, TransactionSynchronizationRegistry transactions, EntityManager em, PlatformConfig platform,
            MeterRegistry metrics) {
        this.calendars = calendars;
        this.outbox = outbox;
        this.audit = audit;
        this.provisional = provisional;
        this.json = json;
        this.transactions = transactions;
        this.em = em;
        this.platform = platform;
        metrics.gauge("zhengfeng.calendar.years_without_data", this, s -> s.yearsWithoutData(today()).size());
    }

    void start(@Observes StartupEvent ignored) {
        CalendarFeed.ensureTopic(io.zhengfeng.platform.events.KafkaClients.connection(platform.kafka()));
        QuarkusTransaction.requiringNew().run(this::seed);
        // the owner never waits for its own feed to know its own data
        QuarkusTransaction.requiringNew().run(() -> CalendarYearEntity.<CalendarYearEntity>listAll()
                .forEach(y -> calendars.apply(event(y))));
    }

    public WorkingCalendar calendar() {
        return calendars.current();
    }

    public Instant deadline(Instant start, int workingDays) {
        return calendars.current().deadline(start, workingDays);
    }

    /** The last published state of a year, if it has one. */
    public java.util.Optional<CalendarYearEvent> published(int year) {
        return calendars.year(year);
    }

    /**
     * Years the calendar has no notice for that deadlines will soon need: the current year, and
     * from 1 November the next one (the State Council usually publishes in late October or
     * November). Depends on the date only, never on who asked for a deadline.
     */
    public List<Integer> yearsWithoutData(LocalDate today) {
        HolidayData data = calendars.current().data();
        List<Integer> missing = new ArrayList<>();
        if (!data.knows(today.getYear())) {
            missing.add(today.getYear());
        }
        if (today.getMonthValue() >= 11 && !data.knows(today.getYear() + 1)) {
            missing.add(today.getYear() + 1);
        }
        return missing;
    }

    public LocalDate today() {
        return LocalDate.now(calendars.current().zone());
    }

    @Scheduled(every = "1h", delayed = "1m", identity = "calendar-missing-year-alert")
    void alert() {
        for (int year : yearsWithoutData(today())) {
            LOG.errorf("ADMIN ALERT: no State Council holiday notice for %d in the calendar; deadlines reaching %d "
                    + "are provisional (Monday–Friday) until an admin loads the year (PUT /api/complaints/calendar/%d)",
                    year, year, year);
        }
    }

    @Transactional
    public CalendarYearEvent loadYear(int year, YearLoad load, String admin) {
        HolidayData.Notice notice = validate(year, load);
        CalendarYearEntity y = lockYear(year, admin);
        y.announced = true;
        y.notice = notice.notice().strip();
        y.published = load.published();
        y.holidays = write(notice.holidays().stream().map(h -> new CalendarYearEvent.Holiday(h.name(), h.days())).toList());
        y.makeUpDays = write(notice.makeUpWorkingDays());
        CalendarYearEvent e = publish(y, admin);
        audit.record("calendar.load-year", null, AuditTrail.ALLOWED, year + ": " + y.notice + " (v" + y.version + ", "
                + notice.daysOff().size() + " days off, " + notice.makeUpWorkingDays().size() + " make-up days)");
        return e;
    }

    @Transactional
    public CalendarYearEvent override(LocalDate day, Boolean working, String reason, String admin) {
        if (day == null || day.getYear() < 2000 || day.getYear() > 2100) {
            throw ProblemException.badField("day", "must be a date between 2000 and 2100");
        }
        if (working == null) {
            throw ProblemException.badField("working", "is required: true (working day) or false (day off)");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badField("reason", "must not be blank");
        }
        CalendarYearEntity y = lockYear(day.getYear(), admin);
        CalendarOverrideEntity.deleteById(day);
        em.flush();
        boolean withoutOverride = calendars.preview(event(y)).isWorkingDay(day);
        if (withoutOverride == working) {
            throw ProblemException.badField("working", day + " is already " + (working ? "a working day" : "a day off")
                    + " by the calendar; an override must change it");
        }
        CalendarOverrideEntity o = new CalendarOverrideEntity();
        o.day = day;
        o.working = working;
        o.reason = reason.strip();
        o.createdBy = admin;
        o.createdAt = Instant.now();
        o.persist();
        em.flush();
        CalendarYearEvent e = publish(y, admin);
        audit.record("calendar.override", null, AuditTrail.ALLOWED, day + (working ? " working: " : " off: ") + o.reason
                + " (v" + y.version + ")");
        return e;
    }

    @Transactional
    public boolean removeOverride(LocalDate day, String admin) {
        if (CalendarOverrideEntity.findById(day) == null) {
            return false;
        }
        CalendarYearEntity y = lockYear(day.getYear(), admin);
        CalendarOverrideEntity.deleteById(day);
        em.flush();
        publish(y, admin);
        audit.record("calendar.remove-override", null, AuditTrail.ALLOWED, day + " (v" + y.version + ")");
        return true;
    }

    @Transactional
    public List<CalendarOverrideEntity> overrides() {
        return CalendarOverrideEntity.listAll(Sort.by("day"));
    }

    /** Bundled years and years with overrides get a row (and an event) the first time any replica starts. */
    void seed() {
        HolidayData bundled = HolidayData.bundled();
        Set<Integer> years = new TreeSet<>(bundled.years());
        CalendarOverrideEntity.<CalendarOverrideEntity>listAll().forEach(o -> years.add(o.day.getYear()));
        for (int year : years) {
            var notice = bundled.notice(year);
            int inserted = em.createNativeQuery("INSERT IGNORE INTO calendar_year (year, announced, notice, published, "
                            + "holidays, make_up_days, version, changed_by, changed_at) VALUES (?1, ?2, ?3, NULL, ?4, ?5, 0, 'bundled', ?6)")
                    .setParameter(1, year)
                    .setParameter(2, notice.isPresent())
                    .setParameter(3, notice.map(HolidayData.Notice::notice).orElse(null))
                    .setParameter(4, write(notice.map(n -> n.holidays().stream()
                            .map(h -> new CalendarYearEvent.Holiday(h.name(), h.days())).toList()).orElse(List.of())))
                    .setParameter(5, write(notice.map(HolidayData.Notice::makeUpWorkingDays).orElse(List.of())))
                    .setParameter(6, Instant.now())
                    .executeUpdate();
            if (inserted == 1) {
                CalendarYearEntity y = em.find(CalendarYearEntity.class, year);
                publish(y, "bundled");
                LOG.infof("Calendar year %d seeded from the bundled data (%s)", year, y.notice);
            }
        }
    }

    /** The year's row, created empty (Monday–Friday) if missing, locked until the transaction ends. */
    private CalendarYearEntity lockYear(int year, String admin) {
        em.createNativeQuery("INSERT IGNORE INTO calendar_year (year, announced, notice, published, holidays, make_up_days, "
                        + "version, changed_by, changed_at) VALUES (?1, FALSE, NULL, NULL, '[]', '[]', 0, ?2, ?3)")
                .setParameter(1, year).setParameter(2, admin).setParameter(3, Instant.now()).executeUpdate();
        em.createNativeQuery("SELECT year FROM calendar_year WHERE year = ?1 FOR UPDATE").setParameter(1, year).getResultList();
        CalendarYearEntity y = em.find(CalendarYearEntity.class, year);
        em.refresh(y);
        return y;
    }

    /** Bumps the version, publishes the whole year, recomputes provisional deadlines, applies after commit. */
    private CalendarYearEvent publish(CalendarYearEntity y, String admin) {
        y.version++;
        y.changedBy = admin;
        y.changedAt = Instant.now();
        em.flush();
        CalendarYearEvent e = event(y);
        WorkingCalendar next;
        try {
            next = calendars.preview(e);
        } catch (IllegalArgumentException ex) {
            throw ProblemException.badField("holidays", ex.getMessage());
        }
        outbox.publish(Topics.CALENDAR, EventTypes.CALENDAR_YEAR_CHANGED, String.valueOf(y.year), e);
        int moved = provisional.recompute(next, y.year + (y.announced ? " " + y.notice : "") + " v" + y.version);
        if (moved > 0) {
            LOG.infof("Calendar %d v%d: %d provisional deadlines recomputed", y.year, y.version, moved);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    calendars.apply(e);
                }
            }
        });
        return e;
    }

    private CalendarYearEvent event(CalendarYearEntity y) {
        LocalDate first = LocalDate.of(y.year, 1, 1);
        List<CalendarYearEvent.Day> overrides = CalendarOverrideEntity.<CalendarOverrideEntity>list(
                        "day >= ?1 and day < ?2", Sort.by("day"), first, first.plusYears(1)).stream()
                .map(o -> new CalendarYearEvent.Day(o.day, o.working, o.reason)).toList();
        return new CalendarYearEvent(y.year, y.announced, y.notice, y.published, read(y.holidays, HOLIDAYS),
                read(y.makeUpDays, DATES), overrides, y.version, y.changedBy, y.changedAt);
    }

    /** The checks of a notice, each a 400 naming the field. */
    private static HolidayData.Notice validate(int year, YearLoad load) {
        if (year < 2000 || year > 2100) {
            throw ProblemException.badField("year", "must be between 2000 and 2100");
        }
        if (load == null) {
            throw ProblemException.badField("body", "is required");
        }
        if (load.notice() == null || load.notice().isBlank() || load.notice().length() > 200) {
            throw ProblemException.badField("notice", "the State Council notice's reference is required (e.g. 国办发明电〔2025〕7号), at most 200 characters");
        }
        if (load.published() != null && load.published().getYear() > year) {
            throw ProblemException.badField("published", "a notice is published before or during its year");
        }
        if (load.holidays() == null || load.holidays().isEmpty()) {
            throw ProblemException.badField("holidays", "a notice lists at least one holiday period");
        }
        Set<LocalDate> off = new HashSet<>();
        List<HolidayData.Holiday> holidays = new ArrayList<>();
        for (int i = 0; i < load.holidays().size(); i++) {
            HolidayPeriod h = load.holidays().get(i);
            String field = "holidays[" + i + "]";
            if (h == null || h.name() == null || h.name().isBlank()) {
                throw ProblemException.badField(field + ".name", "is required (e.g. 春节)");
            }
            if (h.days() == null || h.days().isEmpty()) {
                throw ProblemException.badField(field + ".days", "lists at least one day");
            }
            for (LocalDate d : h.days()) {
                if (d == null || d.getYear() != year) {
                    throw ProblemException.badField(field + ".days", d + " is not in " + year);
                }
                if (!off.add(d)) {
                    throw ProblemException.badField(field + ".days", d + " is listed twice");
                }
            }
            holidays.add(new HolidayData.Holiday(h.name().strip(), h.days()));
        }
        List<LocalDate> makeUp = load.makeUpWorkingDays() == null ? List.of() : load.makeUpWorkingDays();
        Set<LocalDate> seen = new HashSet<>();
        for (LocalDate d : makeUp) {
            if (d == null || d.getYear() != year) {
                throw ProblemException.badField("makeUpWorkingDays", d + " is not in " + year);
            }
            if (!seen.add(d)) {
                throw ProblemException.badField("makeUpWorkingDays", d + " is listed twice");
            }
            if (off.contains(d)) {
                throw ProblemException.badField("makeUpWorkingDays", d + " is also a holiday");
            }
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw ProblemException.badField("makeUpWorkingDays", d + " is a " + d.getDayOfWeek()
                        + ": make-up working days are weekend days");
            }
        }
        HolidayData.Notice notice = new HolidayData.Notice(year, load.notice(), holidays, makeUp);
        try {
            HolidayData.check(notice);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("holidays", e.getMessage());
        }
        return notice;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calendar_year holds unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }
}
