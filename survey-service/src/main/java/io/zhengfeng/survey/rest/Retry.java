package io.zhengfeng.survey.rest;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Re-runs an answer's transaction when the database chose it as a deadlock victim: two answers
 * landing on new counter rows at once may collide, and the loser must not get a 500.
 */
final class Retry {
    private static final int ATTEMPTS = 5;

    static <T> T onDeadlock(Supplier<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213
                    || sql.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }

    private Retry() {
    }
}
