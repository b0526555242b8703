package io.zhengfeng.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;

class MicrosecondInstantLiteralTest {
    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    @Test
    void theHandWrittenLiteralIsThePatternsUtcTextWithMicrosecondsTruncated() {
        for (Instant i : List.of(Instant.parse("2026-12-05T21:31:59.874456789Z"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("1999-12-31T23:59:59.999999999Z"), Instant.parse("2027-02-03T04:05:06.000007Z"),
                Instant.EPOCH, Instant.parse("0001-01-01T00:00:00.000001Z"), Instant.parse("9999-12-31T23:59:59.999999Z"))) {
            assertEquals(PATTERN.format(i), MicrosecondInstantJdbcType.literal(i), i.toString());
        }
    }

    @Test
    void aYearBeyondFourDigitsStillGetsThePatternsText() {
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertEquals(PATTERN.format(far), MicrosecondInstantJdbcType.literal(far));
    }
}
