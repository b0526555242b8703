package io.zhengfeng.platform.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Writes a row that is never changed once written (an outbox event, a history or audit entry, a
 * consumer's processed-event mark) as one plain {@code INSERT} on the connection of the caller's transaction, so it commits or rolls back with
 * the change it belongs to.
 *
 * <p>Why not {@code persist}: such rows are never read back in the transaction that writes them, yet
 * an {@code IDENTITY} entity goes through the whole persistence context (event listeners, entity
 * entry, bean validation, generated-key read) and is inserted at once anyway. On a submission's three
 * such rows that was a quarter of complaint-service's CPU (issue 12's profile). Their entities stay
 * for reading. Instants are bound as {@link MicrosecondInstantJdbcType} binds them for Hibernate.
 */
@ApplicationScoped
public class AppendOnlyRows {
    private final EntityManager em;

    public AppendOnlyRows(EntityManager em) {
        this.em = em;
    }

    /** {@code sql}: one INSERT with a {@code ?} per value; values are String, Instant, Integer, Long, Boolean or null. */
    @Transactional(Transactional.TxType.MANDATORY) // outside a transaction the row would commit on its own
    public void insert(String sql, Object... values) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    bind(st, i + 1, values[i]);
                }
                st.executeUpdate();
            }
        });
    }

    /** Several rows with the same INSERT as one JDBC batch (Connector/J sends one multi-row INSERT). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertAll(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                for (Object[] values : rows) {
                    for (int i = 0; i < values.length; i++) {
                        bind(st, i + 1, values[i]);
                    }
                    st.addBatch();
                }
                st.executeBatch();
            }
        });
    }

    private static void bind(PreparedStatement st, int index, Object value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else if (value instanceof String s) {
            st.setString(index, s);
        } else if (value instanceof Instant t) {
            st.setString(index, MicrosecondInstantJdbcType.literal(t));
        } else if (value instanceof Integer n) {
            st.setInt(index, n);
        } else if (value instanceof Long n) {
            st.setLong(index, n);
        } else if (value instanceof Boolean b) {
            st.setBoolean(index, b);
        } else {
            throw new IllegalArgumentException("No binding for " + value.getClass().getName() + " at parameter " + index);
        }
    }
}
