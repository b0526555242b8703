package io.zhengfeng.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zhengfeng.contracts.DeadlineBreached;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.persistence.DeadlineTimer;
import io.zhengfeng.notification.persistence.Rung;
import io.zhengfeng.notification.persistence.TimerRepository;
import io.zhengfeng.platform.events.Outbox;

/**
 * Fires the rungs that are due. One transaction claims a batch of due timers (rows another replica
 * holds are skipped), tells their audiences, publishes {@code deadline.breached} for the overdue
 * rung and moves each timer to its next rung. Everything commits together: a replica that dies
 * mid-batch leaves the rows unlocked and unchanged, and the next round fires them once.
 */
@ApplicationScoped
public class TimerFiring {
    private static final Logger LOG = Logger.getLogger(TimerFiring.class);

    private final TimerRepository timers;
    private final Ladder ladder;
    private final Notifier notifier;
    private final Outbox outbox;
    private final Clock clock;
    private final Timer lateness;
    private final Instance<FiringObserver> observers;

    public TimerFiring(TimerRepository timers, Ladder ladder, Notifier notifier, Outbox outbox, Clock clock,
            MeterRegistry metrics, Instance<FiringObserver> observers) {
        this.timers = timers;
        this.ladder = ladder;
        this.notifier = notifier;
        this.outbox = outbox;
        this.clock = clock;
        this.lateness = Timer.builder("zhengfeng.timers.lateness")
                .description("How long after its due instant a rung fired")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.observers = observers;
    }

    /** @return how many timers fired a rung in this round */
    @Transactional
    public int fireDue(int limit) {
        Instant now = clock.instant();
        List<DeadlineTimer> due = timers.claimDue(now, limit);
        List<Dispatch> alerts = new ArrayList<>(due.size());
        for (DeadlineTimer timer : due) {
            Rung rung = ladder.effectiveRung(timer, now);
            Duration late = Duration.between(timer.nextFireAt, now);
            lateness.record(late);
            observers.forEach(o -> o.fired(rung, late));
            Dispatch dispatch = fire(timer, rung, now);
            if (ladder.alerts(timer.deadlineKind, rung)) {
                alerts.add(dispatch);
            }
            ladder.advance(timer, rung);
            timer.updatedAt = now;
        }
        notifier.dispatchAll(alerts);
        return due.size();
    }

    /** Publishes the breach of an overdue rung; returns whom to tell what. */
    private Dispatch fire(DeadlineTimer timer, Rung rung, Instant now) {
        if (rung == Rung.OVERDUE) {
            timer.breachedAt = now;
            outbox.publish(Topics.NOTIFICATIONS, EventTypes.DEADLINE_BREACHED, timer.subjectId,
                    new DeadlineBreached(timer.id, timer.subjectType, timer.subjectId, timer.deadlineKind,
                            timer.department, timer.dueAt, now));
        }
        LOG.debugf("Timer %s fired %s for %s %s (%s due %s)", timer.id, rung, timer.subjectType, timer.subjectId,
                timer.deadlineKind, timer.dueAt);
        return new Dispatch(timer.firingKey(rung), typeOf(rung), timer.subjectType, timer.subjectId,
                params(timer), ladder.audiences(timer.deadlineKind, rung, timer.department), rung == Rung.ESCALATION);
    }

    private static NotificationType typeOf(Rung rung) {
        return switch (rung) {
            case REMINDER -> NotificationType.DEADLINE_REMINDER;
            case OVERDUE -> NotificationType.DEADLINE_OVERDUE;
            case ESCALATION -> NotificationType.DEADLINE_ESCALATION;
        };
    }

    /** What the templates and webhooks show of a timer; ids and times only, never a citizen's data. */
    static Map<String, Object> params(DeadlineTimer timer) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("trackingNumber", timer.reference);
        p.put("subjectType", timer.subjectType);
        p.put("subjectId", timer.subjectId.toString());
        p.put("deadlineKind", timer.deadlineKind);
        p.put("department", timer.department);
        p.put("dueAt", timer.dueAt.toString());
        if (timer.breachedAt != null) {
            p.put("breachedAt", timer.breachedAt.toString());
        }
        return p;
    }
}
