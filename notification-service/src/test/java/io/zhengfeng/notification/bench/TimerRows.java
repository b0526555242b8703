package io.zhengfeng.notification.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

import io.zhengfeng.notification.persistence.SqlInstants;

/**
 * Writes PENDING timers straight into the table with multi-row INSERTs, instants as UTC literals
 * (bound timestamps lose their fraction on MariaDB 10.x with Connector/J, see {@link SqlInstants}).
 * Ids are random UUIDs, as the service makes them.
 */
final class TimerRows {
    static final int ROWS_PER_STATEMENT = 2_000;
    static final int ROWS_PER_COMMIT = 20_000;

    private TimerRows() {
    }

    /**
     * Inserts {@code count} timers on their OVERDUE rung (start = due, so no reminder), the i-th
     * due at {@code dueAt.apply(i)}, for {@code department}.
     */
    static void insert(Connection c, int count, String department, LongFunction<Instant> dueAt) throws SQLException {
        insert(c, count, department, dueAt, i -> UUID.randomUUID().toString(), i -> UUID.randomUUID().toString());
    }

    /**
     * The same with random UUIDs inserted in ascending order (of both the primary key and the unique
     * key on the subject). The table holds the same random ids as if inserted one by one over
     * months, but the B-trees are appended to instead of split at random pages: with a buffer pool
     * smaller than the table (MariaDB's default 128 MB) a million rows go in several times faster.
     */
    static void insertSorted(Connection c, int count, String department, LongFunction<Instant> dueAt) throws SQLException {
        String[] ids = sortedRandomUuids(count);
        String[] subjects = sortedRandomUuids(count);
        insert(c, count, department, dueAt, i -> ids[i], i -> subjects[i]);
    }

    /** Sorted as the server compares CHAR(36) hex text, not as {@link UUID#compareTo} (signed). */
    private static String[] sortedRandomUuids(int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID().toString();
        }
        Arrays.sort(ids);
        return ids;
    }

    private static void insert(Connection c, int count, String department, LongFunction<Instant> dueAt,
            IntFunction<String> id, IntFunction<String> subjectId) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        String now = SqlInstants.micros(Instant.now());
        StringBuilder sql = new StringBuilder(ROWS_PER_STATEMENT * 330);
        try (Statement s = c.createStatement()) {
            int inStatement = 0;
            int sinceCommit = 0;
            for (int i = 0; i < count; i++) {
                if (inStatement == 0) {
                    sql.setLength(0);
                    sql.append("INSERT INTO timer (id, subject_type, subject_id, deadline_kind, reference, department, ")
                            .append("start_at, due_at, generation, state, next_rung, next_fire_at, breached_at, ")
                            .append("observed_at, created_at, updated_at) VALUES ");
                } else {
                    sql.append(',');
                }
                String due = SqlInstants.micros(dueAt.apply(i));
                sql.append("('").append(id.apply(i)).append("','complaint','").append(subjectId.apply(i))
                        .append("','reply','BENCH-").append(department).append('-').append(i).append("','")
                        .append(department).append("','").append(due).append("','").append(due)
                        .append("',1,'PENDING','OVERDUE','").append(due).append("',NULL,'")
                        .append(now).append("','").append(now).append("','").append(now).append("')");
                inStatement++;
                sinceCommit++;
                if (inStatement == ROWS_PER_STATEMENT || i == count - 1) {
                    s.executeUpdate(sql.toString());
                    inStatement = 0;
                }
                if (sinceCommit == ROWS_PER_COMMIT || i == count - 1) {
                    c.commit();
                    sinceCommit = 0;
                }
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** {@code count} instants evenly spread over {@code window} from {@code first}. */
    static LongFunction<Instant> spread(Instant first, Duration window, int count) {
        long stepNanos = window.toNanos() / count;
        return i -> first.plusNanos(i * stepNanos);
    }
}
