package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;

/**
 * The inbox of one user: the INBOX notifications addressed to any of their addresses (their own and
 * their roles'), with read marks kept per user.
 */
@ApplicationScoped
public class InboxQueries {
    private static final String UNREAD = " and not exists (select 1 from InboxRead r where r.username = :username"
            + " and r.notificationSeq = n.seq)";

    private final EntityManager em;

    public InboxQueries(EntityManager em) {
        this.em = em;
    }

    /** What a listing may be narrowed to. */
    public record Filter(boolean unreadOnly, Optional<String> type, Optional<Instant> since) {
        public static Filter unread() {
            return new Filter(true, Optional.empty(), Optional.empty());
        }
    }

    /** Newest first; {@code seq} breaks ties so pages never overlap or skip. */
    public List<Notification> page(String username, Collection<String> addresses, Filter filter, int page, int size) {
        return query("select n from Notification n", " order by n.seq desc", Notification.class, username, addresses, filter)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList();
    }

    /**
     * What a reconnecting live stream missed: items of these addresses inserted after {@code afterSeq},
     * oldest first, at most {@code limit}.
     */
    public List<Notification> after(Collection<String> addresses, long afterSeq, int limit) {
        return em.createQuery("select n from Notification n where n.channel = :inbox and n.recipient in :addresses"
                + " and n.seq > :after order by n.seq", Notification.class)
                .setParameter("inbox", Channel.INBOX)
                .setParameter("addresses", addresses)
                .setParameter("after", afterSeq)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(String username, Collection<String> addresses, Filter filter) {
        return query("select count(n) from Notification n", "", Long.class, username, addresses, filter).getSingleResult();
    }

    /** Which of {@code seqs} the user has read. */
    public Set<Long> readAmong(String username, Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery(
                "select r.notificationSeq from InboxRead r where r.username = :username and r.notificationSeq in :seqs",
                Long.class).setParameter("username", username).setParameter("seqs", seqs).getResultList());
    }

    public void markRead(String username, long seq, Instant at) {
        em.createNativeQuery("""
                INSERT INTO inbox_read (username, notification_seq, read_at) VALUES (?1, ?2, ?3)
                ON DUPLICATE KEY UPDATE read_at = read_at""")
                .setParameter(1, username).setParameter(2, seq).setParameter(3, at)
                .executeUpdate();
    }

    /** Marks every unread item of the user read in one statement; returns how many. */
    public int markAllRead(String username, Collection<String> addresses, Instant at) {
        Query q = em.createNativeQuery("""
                INSERT INTO inbox_read (username, notification_seq, read_at)
                SELECT :username, n.seq, :at FROM notification n
                WHERE n.channel = 'INBOX' AND n.recipient IN (:addresses)
                  AND NOT EXISTS (SELECT 1 FROM inbox_read r WHERE r.username = :username AND r.notification_seq = n.seq)""");
        return q.setParameter("username", username).setParameter("at", at).setParameter("addresses", addresses)
                .executeUpdate();
    }

    private <T> TypedQuery<T> query(String select, String order, Class<T> type, String username,
            Collection<String> addresses, Filter filter) {
        StringBuilder jpql = new StringBuilder(select)
                .append(" where n.channel = :inbox and n.recipient in :addresses");
        filter.type().ifPresent(t -> jpql.append(" and n.type = :type"));
        filter.since().ifPresent(s -> jpql.append(" and n.createdAt >= :since"));
        if (filter.unreadOnly()) {
            jpql.append(UNREAD);
        }
        TypedQuery<T> q = em.createQuery(jpql.append(order).toString(), type)
                .setParameter("inbox", Channel.INBOX)
                .setParameter("addresses", addresses);
        filter.type().ifPresent(t -> q.setParameter("type", t));
        filter.since().ifPresent(s -> q.setParameter("since", s));
        if (filter.unreadOnly()) {
            q.setParameter("username", username);
        }
        return q;
    }
}
