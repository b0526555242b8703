package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Timers: the claim query that firing is built on, and the lookups around it. */
@ApplicationScoped
public class TimerRepository {
    /** Key of the transaction's list of timers persisted in it. */
    private static final Object CREATED = TimerRepository.class.getName() + ".created";
    /** Key of the transaction's timers locked by {@link #lockSubjects}, per subject (type:id). */
    private static final Object LOCKED = TimerRepository.class.getName() + ".locked";

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;

    public TimerRepository(EntityManager em, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.transactions = transactions;
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

    /**
     * The subject's timers, locked: a firing in progress finishes before the owner's news is applied.
     * A native query would flush the whole session first (Hibernate cannot tell which tables it
     * reads): in a consumer batch of 200 events that is one flush per event, each dirty-checking
     * everything the batch loaded and sending its inserts one by one. So it does not flush; the
     * timers this transaction created and has not flushed yet are added from {@link #persist}'s list.
     */
    @SuppressWarnings("unchecked")
    public List<DeadlineTimer> lockSubject(String subjectType, UUID subjectId) {
        List<DeadlineTimer> locked = lockedInThisTransaction().get(key(subjectType, subjectId));
        List<DeadlineTimer> timers = locked != null ? new ArrayList<>(locked) : new ArrayList<>(em.createNativeQuery(
                "SELECT * FROM timer WHERE subject_type = ?1 AND subject_id = ?2 FOR UPDATE", DeadlineTimer.class)
                .setParameter(1, subjectType)
                .setParameter(2, subjectId.toString())
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList());
        for (DeadlineTimer created : createdInThisTransaction()) {
            if (created.subjectType.equals(subjectType) && created.subjectId.equals(subjectId) && !timers.contains(created)) {
                timers.add(created);
            }
        }
        return timers;
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

    /**
     * Locks the timers of many subjects of one type with one statement (a consumer batch's subjects),
     * so that {@link #lockSubject} for them in this transaction needs no statement of its own.
     */
    @SuppressWarnings("unchecked")
    public void lockSubjects(String subjectType, Collection<UUID> subjectIds) {
        if (subjectIds.isEmpty()) {
            return;
        }
        List<DeadlineTimer> found = em.createNativeQuery(
                "SELECT * FROM timer WHERE subject_type = :type AND subject_id IN (:ids) FOR UPDATE", DeadlineTimer.class)
                .setParameter("type", subjectType)
                .setParameter("ids", subjectIds.stream().map(UUID::toString).distinct().toList())
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
        Map<String, List<DeadlineTimer>> locked = lockedInThisTransaction();
        Map<String, List<DeadlineTimer>> now = new HashMap<>();
        subjectIds.forEach(id -> now.put(key(subjectType, id), new ArrayList<>()));
        found.forEach(t -> now.get(key(t.subjectType, t.subjectId)).add(t));
        now.forEach(locked::putIfAbsent); // a subject locked before in this transaction keeps its list
    }

    public void persist(DeadlineTimer timer) {
        em.persist(timer);
        createdInThisTransaction().add(timer);
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<DeadlineTimer>> lockedInThisTransaction() {
        Map<String, List<DeadlineTimer>> locked = (Map<String, List<DeadlineTimer>>) transactions.getResource(LOCKED);
        if (locked == null) {
            locked = new HashMap<>();
            transactions.putResource(LOCKED, locked);
        }
        return locked;
    }

    private static String key(String subjectType, UUID subjectId) {
        return subjectType + ':' + subjectId;
    }

    @SuppressWarnings("unchecked")
    private List<DeadlineTimer> createdInThisTransaction() {
        List<DeadlineTimer> created = (List<DeadlineTimer>) transactions.getResource(CREATED);
        if (created == null) {
            created = new ArrayList<>();
            transactions.putResource(CREATED, created);
        }
        return created;
    }
}
