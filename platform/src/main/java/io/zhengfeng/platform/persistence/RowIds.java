package io.zhengfeng.platform.persistence;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Keys for rows written at volume (complaints, outbox events, timers, inbox items): version-7 UUIDs
 * (RFC 9562), a millisecond timestamp followed by random bits. InnoDB clusters a table on its primary
 * key, so random (version-4) keys put each new row on a random page of a B-tree that soon outgrows the
 * buffer pool — a page read and a page write per row; time-ordered keys append at the right edge, where
 * the pages are already in memory. The same holds for every consumer's {@code processed_event}, keyed
 * by the event id.
 *
 * <p>A version-7 id tells when its row was made, to the millisecond. Use it where the row keeps that
 * time anyway (a complaint's {@code submitted_at}); keep {@link UUID#randomUUID()} where the time is
 * deliberately coarse or hidden (a survey response records only its day).
 */
public final class RowIds {
    /** Monotonic within a millisecond (a counter in the random bits), thread-safe. */
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RowIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}
