package io.zhengfeng.notification.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.quarkus.qute.TemplateExtension;

/**
 * {@code {zf:time(dueAt)}}: an instant of the notification parameters (ISO-8601 text) as the
 * bureau reads it, {@code yyyy-MM-dd HH:mm} in Asia/Shanghai, whatever the reader's language.
 */
@TemplateExtension(namespace = "zf")
public final class TimeFormat {
    /** The bureau's zone (DESIGN.md "Time limits"); deadlines are promised in it. */
    public static final ZoneId BUREAU_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BUREAU_ZONE);

    private TimeFormat() {
    }

    /** Empty for a missing value; text that is not an instant is shown unchanged rather than failing the message. */
    static String time(Object instant) {
        if (instant == null) {
            return "";
        }
        try {
            return FORMAT.format(Instant.parse(instant.toString()));
        } catch (DateTimeParseException e) {
            return instant.toString();
        }
    }
}
