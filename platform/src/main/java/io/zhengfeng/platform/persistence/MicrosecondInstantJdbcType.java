package io.zhengfeng.platform.persistence;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
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

    /** The literal a UTC instant is stored as; also for hand-written SQL. */
    public static String literal(Instant instant) {
        return UTC_MICROS.format(instant);
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
