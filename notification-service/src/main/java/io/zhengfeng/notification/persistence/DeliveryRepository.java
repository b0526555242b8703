package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The state changes of one e-mail / webhook delivery after its claim. Each is a conditional UPDATE
 * that names the attempt it records: when a slow attempt outlived its lease and another replica
 * claimed the row again, the stale outcome changes nothing (and publishes nothing). Each returns
 * whether it applied.
 */
@ApplicationScoped
public class DeliveryRepository {
    /** Width of {@code notification.last_error}. */
    private static final int ERROR_WIDTH = 500;

    private final EntityManager em;

    public DeliveryRepository(EntityManager em) {
        this.em = em;
    }

    /** Delivered, whichever attempt did it: a success is never overwritten by a later claim's failure. */
    public boolean delivered(UUID id, Instant at) {
        return em.createNativeQuery("""
                UPDATE notification SET status = 'DELIVERED', delivered_at = ?1, next_attempt_at = NULL, last_error = NULL
                WHERE id = ?2 AND status = 'PENDING'""")
                .setParameter(1, at)
                .setParameter(2, id.toString())
                .executeUpdate() == 1;
    }

    /** Attempt {@code attempt} failed; the next one is due at {@code nextAttemptAt}. */
    public boolean retryLater(UUID id, int attempt, Instant nextAttemptAt, String error) {
        return em.createNativeQuery("""
                UPDATE notification SET next_attempt_at = ?1, last_error = ?2
                WHERE id = ?3 AND status = 'PENDING' AND attempts = ?4""")
                .setParameter(1, nextAttemptAt)
                .setParameter(2, truncate(error))
                .setParameter(3, id.toString())
                .setParameter(4, attempt)
                .executeUpdate() == 1;
    }

    /** Attempt {@code attempt} was the last: dead-lettered until an admin retries it. */
    public boolean dead(UUID id, int attempt, String error) {
        return em.createNativeQuery("""
                UPDATE notification SET status = 'DEAD', next_attempt_at = NULL, last_error = ?1
                WHERE id = ?2 AND status = 'PENDING' AND attempts = ?3""")
                .setParameter(1, truncate(error))
                .setParameter(2, id.toString())
                .setParameter(3, attempt)
                .executeUpdate() == 1;
    }

    /**
     * Gives back a claimed attempt that did not count (never tried, or its target was unreachable): due
     * again at {@code dueAt}, the instant it had before the claim, so the line keeps its order.
     */
    public boolean giveBack(UUID id, int attempt, Instant dueAt, String error) {
        return em.createNativeQuery("""
                UPDATE notification SET next_attempt_at = ?1, attempts = attempts - 1, last_error = COALESCE(?2, last_error)
                WHERE id = ?3 AND status = 'PENDING' AND attempts = ?4""")
                .setParameter(1, dueAt)
                .setParameter(2, truncate(error))
                .setParameter(3, id.toString())
                .setParameter(4, attempt)
                .executeUpdate() == 1;
    }

    /** Gives back a claimed attempt that was never tried (the round ran out of lease): it does not count. */
    public boolean release(UUID id, int attempt, Instant now) {
        return em.createNativeQuery("""
                UPDATE notification SET next_attempt_at = ?1, attempts = attempts - 1
                WHERE id = ?2 AND status = 'PENDING' AND attempts = ?3""")
                .setParameter(1, now)
                .setParameter(2, id.toString())
                .setParameter(3, attempt)
                .executeUpdate() == 1;
    }

    /** A dead delivery gets a fresh series of attempts, the first one now. */
    public boolean revive(UUID id, Instant now) {
        return em.createNativeQuery("""
                UPDATE notification SET status = 'PENDING', attempts = 0, next_attempt_at = ?1
                WHERE id = ?2 AND status = 'DEAD'""")
                .setParameter(1, now)
                .setParameter(2, id.toString())
                .executeUpdate() == 1;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= ERROR_WIDTH ? error : error.substring(0, ERROR_WIDTH - 1) + "…";
    }
}
