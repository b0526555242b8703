package io.zhengfeng.platform.persistence;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.TimestampUtcAsJdbcTimestampJdbcType;

/**
 * Binds every {@link Instant} as a UTC {@code DATETIME(6)} literal with microseconds.
 *
 * <p>Why: Connector/J reads MariaDB 10.x's handshake version as "5.5.5" and, believing the server
 * has no fractional seconds, truncates every bound {@code Timestamp} to the second — so on MariaDB
 * an instant lost its fraction, on MySQL 8.4 it kept it, and tests did not see production's
 * precision. A text literal is converted by the server itself, identically on both. Reading is
 * unchanged (the server sends the fraction and the driver keeps it). Registered for the whole
 * persistence unit by {@code @JdbcTypeRegistration} on {@link io.zhengfeng.platform.events.ProcessedEvent}.
 */
public class MicrosecondInstantJdbcType extends TimestampUtcAsJdbcTimestampJdbcType {
    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /**
     * The literal a UTC instant is stored as ({@code yyyy-MM-dd HH:mm:ss.SSSSSS}); also for hand-written
     * SQL. Written by hand: every instant of every row goes through here, and the pattern formatter was
     * a visible share of a submission's CPU (issue 12's profile). Years outside 0000-9999 (never stored)
     * fall back to the formatter.
     */
    public static String literal(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return UTC_MICROS.format(instant);
        }
        char[] out = new char[26];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = ' ';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, t.getNano() / 1000, 6);
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    @Override
    public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
        return new BasicBinder<>(javaType, this) {
            @Override
            protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options) throws SQLException {
                st.setString(index, literal(javaType.unwrap(value, Instant.class, options)));
            }

            @Override
            protected void doBind(CallableStatement st, X value, String name, WrapperOptions options) throws SQLException {
                st.setString(name, literal(javaType.unwrap(value, Instant.class, options)));
            }
        };
    }
}
