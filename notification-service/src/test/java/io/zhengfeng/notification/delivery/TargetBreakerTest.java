package io.zhengfeng.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.zhengfeng.notification.delivery.TargetBreaker.Admission;
import io.zhengfeng.notification.delivery.TargetBreaker.State;

/** The breaker's rules, on a clock the test moves: when it opens, how often it probes, how it closes. */
class TargetBreakerTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final TargetBreaker breaker = new TargetBreaker(3, Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2));

    @Test
    void opensAfterThreeConsecutiveUnreachableAttemptsAndAnAnswerInBetweenResetsTheCount() {
        breaker.down(T0);
        breaker.down(T0);
        breaker.answered();
        breaker.down(T0);
        breaker.down(T0);
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(Admission.SEND, breaker.admit(T0));
        breaker.down(T0);
        assertEquals(State.OPEN, breaker.state());
        assertEquals(Optional.of(T0.plusSeconds(5)), breaker.nextProbeAt());
        assertEquals(Admission.BLOCKED, breaker.admit(T0.plusSeconds(4)));
        assertTrue(breaker.blocks(T0.plusSeconds(4)));
    }

    @Test
    void letsOneProbeAtATimeAndDoublesTheDelayAfterEachFailedProbeUpToTheMaximum() {
        open();
        Instant now = T0.plusSeconds(5);
        long[] expectedDelays = { 10, 20, 30, 30 };
        for (long delay : expectedDelays) {
            assertFalse(breaker.blocks(now));
            assertEquals(Admission.PROBE, breaker.admit(now));
            assertEquals(Admission.BLOCKED, breaker.admit(now), "a second probe waits for the first");
            assertEquals(State.HALF_OPEN, breaker.state());
            breaker.down(now);
            assertEquals(Optional.of(now.plusSeconds(delay)), breaker.nextProbeAt());
            now = now.plusSeconds(delay);
        }
    }

    @Test
    void anAnsweredProbeClosesItAndTheDelayStartsAgainFromTheInitialOne() {
        open();
        assertEquals(Admission.PROBE, breaker.admit(T0.plusSeconds(5)));
        breaker.answered();
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(Admission.SEND, breaker.admit(T0.plusSeconds(6)));
        for (int i = 0; i < 3; i++) {
            breaker.down(T0.plusSeconds(6));
        }
        assertEquals(Optional.of(T0.plusSeconds(11)), breaker.nextProbeAt());
    }

    @Test
    void aProbeThatNeverReachedTheTargetOrWasNeverRecordedIsRepeated() {
        open();
        assertEquals(Admission.PROBE, breaker.admit(T0.plusSeconds(5)));
        breaker.probeInconclusive(T0.plusSeconds(6));
        assertEquals(Admission.PROBE, breaker.admit(T0.plusSeconds(6)), "the message, not the target, failed");
        // its outcome never recorded (the replica's round failed): after the probe timeout another goes
        assertEquals(Admission.BLOCKED, breaker.admit(T0.plusSeconds(6).plus(Duration.ofMinutes(2)).minusMillis(1)));
        assertEquals(Admission.PROBE, breaker.admit(T0.plusSeconds(6).plus(Duration.ofMinutes(2))));
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            breaker.down(T0);
        }
        assertEquals(State.OPEN, breaker.state());
    }
}
