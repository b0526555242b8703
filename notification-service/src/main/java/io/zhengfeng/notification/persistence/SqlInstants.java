package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An instant as a {@code DATETIME(6)} literal in UTC, for native queries whose comparison must keep
 * sub-second precision. MySQL Connector/J reads MariaDB 10.x's "5.5.5-10.x" handshake as a server
 * without fractional seconds and truncates bound timestamps to the second; a timer due at
 * 10:00:00.700 would then wait until 10:00:01. Both servers compare the string as a DATETIME.
 */
public final class SqlInstants {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    public static String micros(Instant instant) {
        return MICROS.format(instant);
    }

    private SqlInstants() {
    }
}
