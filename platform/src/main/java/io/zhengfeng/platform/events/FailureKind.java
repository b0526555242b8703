package io.zhengfeng.platform.events;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

import com.fasterxml.jackson.core.JacksonException;

/**
 * What a failure to apply an event says about the event. Decides between "wait and try again"
 * (the event is fine, a dependency is not) and "this event will never apply" (dead-letter it).
 */
enum FailureKind {
    /** A dependency failed (database down, deadlock, lock wait, pool timeout, commit): retry for as long as it lasts. */
    TRANSIENT,
    /** The event cannot apply however often it is tried (undecodable, rejected by the handler): dead-letter it. */
    POISON,
    /** Neither is known: retried a few times, then dead-lettered only if the database answers meanwhile. */
    UNCLASSIFIED;

    /** MySQL/MariaDB error codes that mean "try again": lock wait timeout, deadlock, too many connections, interrupted. */
    private static final Set<Integer> TRANSIENT_ERROR_CODES = Set.of(1205, 1213, 1040, 1317, 2002, 2003, 2006, 2013);

    static FailureKind of(Throwable failure) {
        boolean transientSeen = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException || t instanceof JacksonException) {
                return POISON;
            }
            transientSeen |= isTransient(t);
        }
        return transientSeen ? TRANSIENT : UNCLASSIFIED;
    }

    private static boolean isTransient(Throwable t) {
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof JDBCConnectionException || t instanceof LockAcquisitionException
                || t instanceof org.hibernate.PessimisticLockException || t instanceof org.hibernate.QueryTimeoutException
                || t instanceof jakarta.persistence.LockTimeoutException
                || t instanceof jakarta.persistence.PessimisticLockException
                || t instanceof jakarta.persistence.QueryTimeoutException
                || t instanceof jakarta.transaction.RollbackException
                || t instanceof jakarta.transaction.SystemException
                || t instanceof RetriableException || t instanceof IOException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            String message = String.valueOf(sql.getMessage());
            return TRANSIENT_ERROR_CODES.contains(sql.getErrorCode())
                    || (state != null && (state.startsWith("08") || state.startsWith("40") || state.equals("HYT00")))
                    || message.contains("acquisition timeout"); // Agroal's pool timeout
        }
        return false;
    }
}
