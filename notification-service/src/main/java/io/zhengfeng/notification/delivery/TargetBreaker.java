package io.zhengfeng.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Circuit breaker of one delivery target (the SMTP server, one webhook). Closed: everything goes.
 * After {@code threshold} consecutive "target down" failures it opens: nothing is claimed for the
 * target until {@link #nextProbeAt()}; then exactly one delivery is let through as the probe
 * (half-open). The probe answering closes it, the target still down re-opens it with twice the
 * delay (up to a maximum), so a long outage is probed rarely. Thread-safe; per replica.
 */
final class TargetBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    enum Admission { SEND, PROBE, BLOCKED }

    private final int threshold;
    private final Duration initialDelay;
    private final Duration maxDelay;
    /** A probe whose outcome was never recorded (the replica's round failed) is retried after this. */
    private final Duration probeTimeout;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Duration delay;
    private Instant nextProbeAt;
    private Instant probeStartedAt;

    TargetBreaker(int threshold, Duration initialDelay, Duration maxDelay, Duration probeTimeout) {
        this.threshold = Math.max(1, threshold);
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.probeTimeout = probeTimeout;
        this.delay = initialDelay;
    }

    /** May a delivery to this target be claimed now, and as what. A PROBE admission is granted once per opening. */
    synchronized Admission admit(Instant now) {
        switch (state) {
            case CLOSED:
                return Admission.SEND;
            case OPEN:
                if (now.isBefore(nextProbeAt)) {
                    return Admission.BLOCKED;
                }
                break;
            case HALF_OPEN:
                if (now.isBefore(probeStartedAt.plus(probeTimeout))) {
                    return Admission.BLOCKED; // one probe at a time
                }
                break;
        }
        state = State.HALF_OPEN;
        probeStartedAt = now;
        return Admission.PROBE;
    }

    /** Whether {@link #admit} would refuse now (no side effect). */
    synchronized boolean blocks(Instant now) {
        return switch (state) {
            case CLOSED -> false;
            case OPEN -> now.isBefore(nextProbeAt);
            case HALF_OPEN -> now.isBefore(probeStartedAt.plus(probeTimeout));
        };
    }

    /** Nothing but closed lets a delivery go that was claimed as a plain SEND. */
    synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    /** The target answered (even with an error about one message): it is up. */
    synchronized void answered() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        delay = initialDelay;
        nextProbeAt = null;
    }

    /** The target could not be reached (connection refused, timed out, unknown host). */
    synchronized void down(Instant now) {
        switch (state) {
            case CLOSED -> {
                if (++consecutiveFailures >= threshold) {
                    open(now, initialDelay);
                }
            }
            case HALF_OPEN -> open(now, delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2));
            case OPEN -> {
                // a delivery sent before the breaker opened: the opening already counts it
            }
        }
    }

    /** The probe never reached the target (the message itself could not be prepared): probe again at once. */
    synchronized void probeInconclusive(Instant now) {
        if (state == State.HALF_OPEN) {
            state = State.OPEN;
            nextProbeAt = now;
        }
    }

    synchronized State state() {
        return state;
    }

    /** When the next probe may go, while open. */
    synchronized Optional<Instant> nextProbeAt() {
        return state == State.OPEN ? Optional.of(nextProbeAt) : Optional.empty();
    }

    private void open(Instant now, Duration newDelay) {
        state = State.OPEN;
        delay = newDelay;
        nextProbeAt = now.plus(newDelay);
        consecutiveFailures = 0;
    }
}
