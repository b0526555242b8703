package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Timers: the claim query that firing is built on, and the lookups around it. */
@ApplicationScoped
public class TimerRepository {
    private final EntityManager em;

    public TimerRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Locks up to {@code limit} due timers for the caller's transaction. Rows another replica holds
     * are skipped, not waited for, so replicas share the work and never fire one timer twice. The
     * scan walks {@code ix_timer_due} from the oldest due timer and stops after {@code limit}: its
     * cost grows with the timers due, not with those pending.
     */
    @SuppressWarnings("unchecked")
    public List<DeadlineTimer> claimDue(Instant now, int limit) {
        return em.createNativeQuery("""
                SELECT * FROM timer
                WHERE state = 'PENDING' AND next_fire_at <= ?1
                ORDER BY next_fire_at
                LIMIT ?2
                FOR UPDATE SKIP LOCKED""", DeadlineTimer.class)
                .setParameter(1, SqlInstants.micros(now))
                .setParameter(2, limit)
                .getResultList();
    }

    /**
     * When the soonest pending rung is due, if any: the first entry of {@code ix_timer_due}, so it
     * costs the same with ten timers as with a million.
     */
    public Optional<Instant> nextFireAt() {
        return Optional.ofNullable(em.createQuery(
                "select min(t.nextFireAt) from DeadlineTimer t where t.state = :pending", Instant.class)
                .setParameter("pending", TimerState.PENDING)
                .getSingleResult());
    }

    /** The subject's timers, locked: a firing in progress finishes before the owner's news is applied. */
    @SuppressWarnings("unchecked")
    public List<DeadlineTimer> lockSubject(String subjectType, UUID subjectId) {
        return em.createNativeQuery("SELECT * FROM timer WHERE subject_type = ?1 AND subject_id = ?2 FOR UPDATE",
                DeadlineTimer.class)
                .setParameter(1, subjectType)
                .setParameter(2, subjectId.toString())
                .getResultList();
    }

    public List<DeadlineTimer> ofSubject(String subjectType, UUID subjectId) {
        return em.createQuery("from DeadlineTimer where subjectType = :type and subjectId = :id order by deadlineKind",
                DeadlineTimer.class)
                .setParameter("type", subjectType)
                .setParameter("id", subjectId)
                .getResultList();
    }

    /** Open timers (pending or fired, not cancelled) of a kind, soonest due first. */
    public List<DeadlineTimer> openOfKind(String kind, int limit) {
        return em.createQuery("from DeadlineTimer where deadlineKind = :kind and state <> :cancelled order by dueAt, id",
                DeadlineTimer.class)
                .setParameter("kind", kind)
                .setParameter("cancelled", TimerState.CANCELLED)
                .setMaxResults(limit)
                .getResultList();
    }

    public long countOpenOfKind(String kind) {
        return em.createQuery("select count(t) from DeadlineTimer t where t.deadlineKind = :kind and t.state <> :cancelled",
                Long.class)
                .setParameter("kind", kind)
                .setParameter("cancelled", TimerState.CANCELLED)
                .getSingleResult();
    }

    /** Open timers with a department, due before {@code before}: what a department head must see today. */
    public List<DeadlineTimer> openWithDepartmentDueBefore(Instant before) {
        return em.createQuery("""
                from DeadlineTimer where state <> :cancelled and department is not null and dueAt < :before
                order by department, dueAt, id""", DeadlineTimer.class)
                .setParameter("cancelled", TimerState.CANCELLED)
                .setParameter("before", before)
                .getResultList();
    }

    public void persist(DeadlineTimer timer) {
        em.persist(timer);
    }
}
