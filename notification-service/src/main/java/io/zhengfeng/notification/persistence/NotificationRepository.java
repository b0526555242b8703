package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;

import org.hibernate.query.NativeQuery;

/** Notifications and the delivery log; inbox queries live in {@link InboxQueries}. */
@ApplicationScoped
public class NotificationRepository {
    private final EntityManager em;

    public NotificationRepository(EntityManager em) {
        this.em = em;
    }

    /** Rows written per statement: a firing round's rows in one or a few round trips. */
    private static final int ROWS_PER_INSERT = 200;
    private static final String INSERT = """
            INSERT INTO notification (id, dedup_key, recipient, channel, type, subject_type, subject_id, params, urgent,
                                      status, attempts, next_attempt_at, fired_by, created_at, delivered_at)
            VALUES """;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)";

    /**
     * Inserts each notification unless one with the same (dedupKey, recipient, channel) exists: a
     * redelivered event or a retried firing then changes nothing. Native, because a failed JPA
     * persist would doom the whole transaction; multi-row, because a firing round writes many.
     */
    public void insertAllOnce(List<Notification> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Notification> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            String sql = INSERT + String.join(", ", Collections.nCopies(chunk.size(), ROW))
                    + " ON DUPLICATE KEY UPDATE seq = seq";
            // only the notification table: no flush of the session first (see TimerRepository#lockSubject)
            Query q = em.createNativeQuery(sql).unwrap(NativeQuery.class).addSynchronizedQuerySpace("notification");
            int p = 1;
            for (Notification n : chunk) {
                q.setParameter(p++, n.id.toString())
                        .setParameter(p++, n.dedupKey)
                        .setParameter(p++, n.recipient)
                        .setParameter(p++, n.channel.name())
                        .setParameter(p++, n.type)
                        .setParameter(p++, n.subjectType)
                        .setParameter(p++, n.subjectId == null ? null : n.subjectId.toString())
                        .setParameter(p++, n.params)
                        .setParameter(p++, n.urgent)
                        .setParameter(p++, n.status.name())
                        .setParameter(p++, n.nextAttemptAt)
                        .setParameter(p++, n.firedBy)
                        .setParameter(p++, n.createdAt)
                        .setParameter(p++, n.deliveredAt);
            }
            q.executeUpdate();
        }
    }

    public Optional<Notification> byId(UUID id) {
        return em.createQuery("from Notification where id = :id", Notification.class).setParameter("id", id)
                .getResultStream().findFirst();
    }

    /**
     * Locks up to {@code limit} e-mail / webhook deliveries whose attempt is due; see
     * {@link TimerRepository#claimDue} for why SKIP LOCKED.
     */
    @SuppressWarnings("unchecked")
    public List<Notification> claimDueDeliveries(Instant now, int limit) {
        return claimDueDeliveries(now, limit, false, Set.of());
    }

    /**
     * Due e-mails and webhook calls in the order they fell due, locked for this replica; without the
     * e-mails if {@code withoutEmail}, without those to the {@code blockedRecipients} (webhooks whose
     * breaker is open).
     */
    public List<Notification> claimDueDeliveries(Instant now, int limit, boolean withoutEmail, Set<String> blockedRecipients) {
        List<String> webhooks = blockedRecipients.stream().filter(r -> r.startsWith("webhook:")).sorted().toList();
        StringBuilder sql = new StringBuilder("SELECT * FROM notification WHERE status = 'PENDING' AND next_attempt_at <= ?1");
        if (withoutEmail) {
            sql.append(" AND channel <> 'EMAIL'");
        }
        if (!webhooks.isEmpty()) {
            sql.append(" AND recipient NOT IN (?3)");
        }
        sql.append(" ORDER BY next_attempt_at, seq LIMIT ?2 FOR UPDATE SKIP LOCKED");
        Query q = em.createNativeQuery(sql.toString(), Notification.class)
                .setParameter(1, SqlInstants.micros(now))
                .setParameter(2, limit);
        if (!webhooks.isEmpty()) {
            q.setParameter(3, webhooks);
        }
        @SuppressWarnings("unchecked")
        List<Notification> due = q.getResultList();
        return due;
    }

    /** The first due delivery to one target ({@code smtp}: any e-mail; else a webhook recipient), locked. */
    public Optional<Notification> claimFirstDueFor(Instant now, String target) {
        boolean email = "smtp".equals(target);
        Query q = em.createNativeQuery("SELECT * FROM notification WHERE status = 'PENDING' AND next_attempt_at <= ?1"
                + (email ? " AND channel = 'EMAIL'" : " AND recipient = ?2")
                + " ORDER BY next_attempt_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED", Notification.class)
                .setParameter(1, SqlInstants.micros(now));
        if (!email) {
            q.setParameter(2, target);
        }
        @SuppressWarnings("unchecked")
        List<Notification> first = q.getResultList();
        return first.stream().findFirst();
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
