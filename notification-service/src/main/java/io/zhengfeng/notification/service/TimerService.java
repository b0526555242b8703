package io.zhengfeng.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.notification.persistence.DeadlineTimer;
import io.zhengfeng.notification.persistence.TimerRepository;
import io.zhengfeng.notification.persistence.TimerState;
import io.zhengfeng.platform.persistence.RowIds;

/**
 * Keeps one timer per open deadline of a subject: creates it, reschedules it when its due instant
 * moved (an extension), cancels it when its kind is no longer open (reply, close, rejection).
 */
@ApplicationScoped
public class TimerService {
    private static final Logger LOG = Logger.getLogger(TimerService.class);

    private final TimerRepository timers;
    private final Ladder ladder;
    private final Clock clock;
    private final WakeUps wakeUps;

    public TimerService(TimerRepository timers, Ladder ladder, Clock clock, WakeUps wakeUps) {
        this.timers = timers;
        this.ladder = ladder;
        this.clock = clock;
        this.wakeUps = wakeUps;
    }

    /** Before a batch of news: the timers of all its subjects locked with one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAll(String subjectType, Collection<UUID> subjectIds) {
        timers.lockSubjects(subjectType, subjectIds);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void sync(SubjectDeadlines subject) {
        Instant now = clock.instant();
        List<DeadlineTimer> existing = timers.lockSubject(subject.subjectType(), subject.subjectId());
        if (existing.stream().anyMatch(t -> t.observedAt.isAfter(subject.occurredAt()))) {
            LOG.debugf("Ignoring stale news of %s %s from %s", subject.subjectType(), subject.subjectId(), subject.occurredAt());
            return;
        }
        Map<String, DeadlineTimer> byKind = existing.stream()
                .collect(Collectors.toMap(t -> t.deadlineKind, Function.identity()));
        Map<String, Deadline> open = subject.open().stream()
                .filter(d -> d.kind() != null && d.dueAt() != null)
                .collect(Collectors.toMap(Deadline::kind, Function.identity(), (a, b) -> b));

        for (Deadline deadline : open.values()) {
            DeadlineTimer timer = byKind.get(deadline.kind());
            if (timer == null) {
                timers.persist(create(subject, deadline, now));
            } else {
                update(timer, subject, deadline, now);
            }
        }
        for (DeadlineTimer timer : existing) {
            if (!open.containsKey(timer.deadlineKind) && timer.state != TimerState.CANCELLED) {
                cancel(timer, now);
            }
            timer.observedAt = subject.occurredAt();
        }
        // a new or moved timer may be due sooner than the worker's next poll
        wakeUps.afterCommit(WakeUps.Worker.TIMERS);
    }

    private DeadlineTimer create(SubjectDeadlines subject, Deadline deadline, Instant now) {
        DeadlineTimer t = new DeadlineTimer();
        t.id = RowIds.next();
        t.subjectType = subject.subjectType();
        t.subjectId = subject.subjectId();
        t.deadlineKind = deadline.kind();
        t.reference = subject.reference();
        t.department = subject.department();
        t.startAt = startOf(deadline);
        t.dueAt = deadline.dueAt();
        t.generation = 1;
        t.observedAt = subject.occurredAt();
        t.createdAt = now;
        t.updatedAt = now;
        ladder.start(t, now);
        LOG.debugf("Timer %s for %s %s %s due %s, first %s at %s", t.id, t.subjectType, t.subjectId, t.deadlineKind,
                t.dueAt, t.nextRung, t.nextFireAt);
        return t;
    }

    private void update(DeadlineTimer timer, SubjectDeadlines subject, Deadline deadline, Instant now) {
        timer.department = subject.department();
        if (subject.reference() != null) {
            timer.reference = subject.reference();
        }
        boolean moved = !timer.dueAt.equals(deadline.dueAt()) || !timer.startAt.equals(startOf(deadline));
        if (moved || timer.state == TimerState.CANCELLED) {
            timer.startAt = startOf(deadline);
            timer.dueAt = deadline.dueAt();
            timer.generation++;
            ladder.start(timer, now);
            LOG.debugf("Timer %s rescheduled (generation %d) to %s", timer.id, timer.generation, timer.dueAt);
        }
        timer.updatedAt = now;
    }

    private static void cancel(DeadlineTimer timer, Instant now) {
        timer.state = TimerState.CANCELLED;
        timer.nextRung = null;
        timer.nextFireAt = null;
        timer.updatedAt = now;
        LOG.debugf("Timer %s (%s of %s) cancelled", timer.id, timer.deadlineKind, timer.subjectId);
    }

    private static Instant startOf(Deadline deadline) {
        return Objects.requireNonNullElse(deadline.startAt(), deadline.dueAt());
    }
}
