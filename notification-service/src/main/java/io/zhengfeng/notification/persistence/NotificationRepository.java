package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/** Notifications and the delivery log; inbox queries live in {@link InboxQueries}. */
@ApplicationScoped
public class NotificationRepository {
    private final EntityManager em;

    public NotificationRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Inserts the notification unless one with the same (dedupKey, recipient, channel) exists: a
     * redelivered event or a retried firing then changes nothing. Native, because a failed JPA
     * persist would doom the whole transaction.
     */
    public void insertOnce(Notification n) {
        em.createNativeQuery("""
                INSERT INTO notification (id, dedup_key, recipient, channel, type, subject_type, subject_id, params, urgent,
                                          status, attempts, next_attempt_at, fired_by, created_at, delivered_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, ?13, ?14)
                ON DUPLICATE KEY UPDATE seq = seq""")
                .setParameter(1, n.id.toString())
                .setParameter(2, n.dedupKey)
                .setParameter(3, n.recipient)
                .setParameter(4, n.channel.name())
                .setParameter(5, n.type)
                .setParameter(6, n.subjectType)
                .setParameter(7, n.subjectId == null ? null : n.subjectId.toString())
                .setParameter(8, n.params)
                .setParameter(9, n.urgent)
                .setParameter(10, n.status.name())
                .setParameter(11, n.nextAttemptAt)
                .setParameter(12, n.firedBy)
                .setParameter(13, n.createdAt)
                .setParameter(14, n.deliveredAt)
                .executeUpdate();
    }

    public Optional<Notification> byId(UUID id) {
        return em.createQuery("from Notification where id = :id", Notification.class).setParameter("id", id)
                .getResultStream().findFirst();
    }

    public Notification bySeq(long seq) {
        return em.find(Notification.class, seq);
    }

    /**
     * Locks up to {@code limit} e-mail / webhook deliveries whose attempt is due; see
     * {@link TimerRepository#claimDue} for why SKIP LOCKED.
     */
    @SuppressWarnings("unchecked")
    public List<Notification> claimDueDeliveries(Instant now, int limit) {
        return em.createNativeQuery("""
                SELECT * FROM notification
                WHERE status = 'PENDING' AND next_attempt_at <= ?1
                ORDER BY next_attempt_at
                LIMIT ?2
                FOR UPDATE SKIP LOCKED""", Notification.class)
                .setParameter(1, SqlInstants.micros(now))
                .setParameter(2, limit)
                .getResultList();
    }

    /** Inbox items first seen by the live stream: created at or after {@code since}, oldest first. */
    public List<Notification> inboxCreatedSince(Instant since) {
        return em.createQuery("from Notification where channel = :inbox and createdAt >= :since order by seq",
                Notification.class)
                .setParameter("inbox", Channel.INBOX)
                .setParameter("since", since)
                .getResultList();
    }

    /** The delivery log, newest first, optionally filtered. */
    public List<Notification> log(Optional<Channel> channel, Optional<DeliveryStatus> status, Optional<String> recipient,
            Optional<UUID> subjectId, int page, int size) {
        return filtered("select n from Notification n", "order by n.seq desc", Notification.class, channel, status, recipient,
                subjectId).setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long countLog(Optional<Channel> channel, Optional<DeliveryStatus> status, Optional<String> recipient,
            Optional<UUID> subjectId) {
        return filtered("select count(n) from Notification n", "", Long.class, channel, status, recipient, subjectId)
                .getSingleResult();
    }

    private <T> TypedQuery<T> filtered(String select, String order, Class<T> type, Optional<Channel> channel,
            Optional<DeliveryStatus> status, Optional<String> recipient, Optional<UUID> subjectId) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        channel.ifPresent(c -> where.append(" and n.channel = :channel"));
        status.ifPresent(s -> where.append(" and n.status = :status"));
        recipient.ifPresent(r -> where.append(" and n.recipient = :recipient"));
        subjectId.ifPresent(s -> where.append(" and n.subjectId = :subjectId"));
        TypedQuery<T> q = em.createQuery(select + where + " " + order, type);
        channel.ifPresent(c -> q.setParameter("channel", c));
        status.ifPresent(s -> q.setParameter("status", s));
        recipient.ifPresent(r -> q.setParameter("recipient", r));
        subjectId.ifPresent(s -> q.setParameter("subjectId", s));
        return q;
    }

    public List<Notification> ofSubject(UUID subjectId, Collection<Channel> channels) {
        return em.createQuery("from Notification where subjectId = :id and channel in :channels order by seq",
                Notification.class)
                .setParameter("id", subjectId)
                .setParameter("channels", channels)
                .getResultList();
    }
}
