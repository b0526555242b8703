package io.zhengfeng.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.notification.config.NotificationConfig;
import io.zhengfeng.notification.config.Replica;
import io.zhengfeng.notification.persistence.DeadlineTimer;
import io.zhengfeng.notification.persistence.DigestRun;
import io.zhengfeng.notification.persistence.TimerRepository;
import io.zhengfeng.platform.calendar.Calendars;
import io.zhengfeng.platform.security.Roles;

/**
 * The morning digest on working days: to the spokesperson, the messages not yet accepted; to each
 * department head, what falls due today and what is overdue. The day's {@code digest_run} row is
 * inserted in the same transaction as the digests, so exactly one replica sends them.
 */
@ApplicationScoped
public class DailyDigest {
    private static final Logger LOG = Logger.getLogger(DailyDigest.class);

    private final TimerRepository timers;
    private final Notifier notifier;
    private final EntityManager em;
    private final NotificationConfig.Digest config;
    private final Calendars calendars;
    private final Replica replica;
    private final Clock clock;

    public DailyDigest(TimerRepository timers, Notifier notifier, EntityManager em, NotificationConfig config,
            Calendars calendars, Replica replica, Clock clock) {
        this.timers = timers;
        this.notifier = notifier;
        this.em = em;
        this.config = config.digest();
        this.calendars = calendars;
        this.replica = replica;
        this.clock = clock;
    }

    /** Sends today's digest if it is time and no replica has; returns whether this call sent it. */
    public boolean sendIfDue() {
        ZonedDateTime now = clock.instant().atZone(config.zone());
        return isDue(now) && sendFor(now.toLocalDate());
    }

    /** From the configured time of day on working days of the bureau's calendar. */
    public boolean isDue(ZonedDateTime now) {
        ZonedDateTime local = now.withZoneSameInstant(config.zone());
        return calendars.current().isWorkingDay(local.toLocalDate()) && !local.toLocalTime().isBefore(config.at());
    }

    /** Sends the digest of {@code day} unless some replica already did; returns whether this call sent it. */
    public boolean sendFor(LocalDate day) {
        if (QuarkusTransaction.requiringNew().call(() -> em.find(DigestRun.class, day) != null)) {
            return false;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> send(day, clock.instant()));
            return true;
        } catch (PersistenceException e) {
            LOG.debugf("Digest of %s sent by another replica", day);
            return false;
        }
    }

    private void send(LocalDate day, Instant now) {
        DigestRun run = new DigestRun();
        run.digestDate = day;
        run.ranAt = now;
        run.ranBy = replica.id();
        em.persist(run);
        em.flush(); // a second replica stops here on the primary key

        List<DeadlineTimer> unaccepted = timers.openOfKind(Deadline.ACCEPTANCE, config.maxItems());
        long unacceptedCount = timers.countOpenOfKind(Deadline.ACCEPTANCE);
        dispatch("digest:" + day + ":spokesperson", Audience.role(Roles.SPOKESPERSON), day,
                List.of(section("unaccepted", unacceptedCount, unaccepted)));

        Instant endOfDay = day.plusDays(1).atStartOfDay(config.zone()).toInstant();
        Map<String, List<DeadlineTimer>> byDepartment = timers.openWithDepartmentDueBefore(endOfDay).stream()
                .collect(Collectors.groupingBy(t -> t.department, LinkedHashMap::new, Collectors.toList()));
        byDepartment.forEach((department, due) -> {
            List<DeadlineTimer> overdue = due.stream().filter(t -> t.dueAt.isBefore(now)).toList();
            List<DeadlineTimer> today = due.stream().filter(t -> !t.dueAt.isBefore(now)).toList();
            dispatch("digest:" + day + ":" + department, Audience.role(Roles.DEPT_HEAD, department), day,
                    List.of(section("due_today", today.size(), limit(today)), section("overdue", overdue.size(), limit(overdue))));
        });
        LOG.infof("Daily digest of %s sent to the spokesperson and %d department heads", day, byDepartment.size());
    }

    private void dispatch(String key, Audience audience, LocalDate day, List<Map<String, Object>> sections) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("date", day.toString());
        params.put("sections", sections);
        notifier.dispatch(new Dispatch(key, NotificationType.DIGEST_DAILY, null, null, params, List.of(audience), false));
    }

    private List<DeadlineTimer> limit(List<DeadlineTimer> timers) {
        return timers.subList(0, Math.min(timers.size(), config.maxItems()));
    }

    private static Map<String, Object> section(String key, long count, List<DeadlineTimer> timers) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key", key);
        s.put("count", count);
        s.put("items", timers.stream().map(TimerFiring::params).toList());
        return s;
    }
}
