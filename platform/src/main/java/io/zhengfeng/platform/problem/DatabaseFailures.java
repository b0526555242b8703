package io.zhengfeng.platform.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;

import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.exception.LockTimeoutException;

/**
 * Tells a database that is away or momentarily busy from a bug, by walking an exception's causes:
 * the first is a 503 with a longer {@code Retry-After}, the second a 503 worth retrying at once.
 * Neither is the client's fault, and neither is an "internal error" to investigate.
 */
final class DatabaseFailures {

    enum Kind {
        /** No connection: the server is down, unreachable, or the pool had none to give in time. */
        UNAVAILABLE,
        /** Deadlock or lock wait timeout: the transaction was rolled back and may simply be retried. */
        BUSY
    }

    /** MySQL/MariaDB error codes: lock wait timeout, deadlock. */
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_LOCK_DEADLOCK = 1213;

    static Optional<Kind> classify(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                // Connector/J's CommunicationsException is an SQLRecoverableException
                return Optional.of(Kind.UNAVAILABLE);
            }
            if (t instanceof LockAcquisitionException || t instanceof LockTimeoutException
                    || t instanceof SQLTransactionRollbackException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.PessimisticLockException) {
                return Optional.of(Kind.BUSY);
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.startsWith("08")) { // SQLSTATE class 08: connection exception
                    return Optional.of(Kind.UNAVAILABLE);
                }
                if (sql.getErrorCode() == ER_LOCK_WAIT_TIMEOUT || sql.getErrorCode() == ER_LOCK_DEADLOCK
                        || "40001".equals(state)) {
                    return Optional.of(Kind.BUSY);
                }
                // Agroal's pool had no connection to give within acquisition-timeout
                String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("acquisition timeout")) {
                    return Optional.of(Kind.UNAVAILABLE);
                }
            }
        }
        return Optional.empty();
    }

    private DatabaseFailures() {
    }
}
