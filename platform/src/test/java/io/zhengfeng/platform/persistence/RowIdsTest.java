package io.zhengfeng.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RowIdsTest {

    @Test
    void idsAreVersion7AndSortAsTheirCharColumnsInTheOrderTheyWereDrawn() {
        String previous = RowIds.next().toString();
        for (int i = 0; i < 100_000; i++) {
            UUID id = RowIds.next();
            assertEquals(7, id.version(), id.toString());
            assertEquals(2, id.variant(), id.toString());
            // CHAR(36) keys compare as strings: each new id must land after the last one.
            String text = id.toString();
            assertTrue(text.compareTo(previous) > 0, previous + " then " + text);
            previous = text;
        }
    }

    @Test
    void anIdCarriesTheMillisecondItWasDrawnIn() {
        long before = System.currentTimeMillis();
        UUID id = RowIds.next();
        long after = System.currentTimeMillis();
        long millis = id.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, before + " <= " + millis + " <= " + after);
    }
}
