package io.zhengfeng.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The encrypted personal-data columns of one table of the service under test, read and written
 * straight over JDBC (committed at once), for the key-rotation tests: rewrite a value as an old key
 * sealed it, see under which key each value now is. Values are {@code <key id>:<ciphertext>}.
 */
public final class SealedColumns {
    private final String table;
    private final List<String> columns;

    public SealedColumns(String table, String... columns) {
        this.table = table;
        this.columns = List.of(columns);
    }

    /** A base64 AES-256 key of one repeated character, for a {@code zhengfeng.pii.keys} entry. */
    public static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
    }

    public List<String> names() {
        return columns;
    }

    public String get(String id, String column) {
        return query("SELECT " + column + " FROM " + table + " WHERE id = ?", id, rs -> rs.getString(1));
    }

    /** Every column of the row, in {@link #names()} order. */
    public List<String> all(String id) {
        List<String> values = new ArrayList<>();
        for (String column : columns) {
            values.add(get(id, column));
        }
        return values;
    }

    public void set(String id, String column, String value) {
        try (Connection c = TestDatabase.serviceConnection(); PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE id = ?")) {
            st.setString(1, value);
            st.setString(2, id);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count() {
        return query("SELECT COUNT(*) FROM " + table, null, rs -> rs.getLong(1));
    }

    /** Rows whose id sorts after {@code id}: what a run resumed from that cursor still has to scan. */
    public long countAfter(String id) {
        return query("SELECT COUNT(*) FROM " + table + " WHERE id > ?", id, rs -> rs.getLong(1));
    }

    /** Rows with at least one value sealed under key id {@code keyId}. */
    public long countUnder(String keyId) {
        return countWhere(String.join(" OR ", columns.stream().map(c -> c + " LIKE ?").toList()), keyId);
    }

    /** Rows with at least one value sealed under another key than {@code keyId}. */
    public long countNotUnder(String keyId) {
        return countWhere(String.join(" OR ", columns.stream().map(c -> "(" + c + " IS NOT NULL AND " + c + " NOT LIKE ?)").toList()), keyId);
    }

    private long countWhere(String where, String keyId) {
        try (Connection c = TestDatabase.serviceConnection(); PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
            for (int i = 1; i <= columns.size(); i++) {
                st.setString(i, keyId + ":%");
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T query(String sql, String parameter, Row<T> row) {
        try (Connection c = TestDatabase.serviceConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (parameter != null) {
                st.setString(1, parameter);
            }
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + parameter + ": " + sql);
                }
                return row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
