package io.zhengfeng.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Exponential backoff per key (a username and client IP). An attempt is reserved <em>before</em> the
 * password is checked, as a failure, in one atomic step on the key's entry: parallel guesses cannot
 * slip past the count while bcrypt runs. A success then clears the key. {@code free} attempts pass
 * at once; each further one must wait {@code initial · 2^(failures - free)}, at most {@code max}.
 * The key holds the address, so nobody elsewhere can lock a colleague's account.
 */
public final class LoginBackoff {
    private static final int MAX_TRACKED_KEYS = 100_000;

    private record State(int failures, Instant blockedUntil) {
    }

    private final int free;
    private final Duration initial;
    private final Duration max;
    private final Clock clock;
    private final Cache<String, State> states;

    public LoginBackoff(int free, Duration initial, Duration max) {
        this(free, initial, max, Clock.systemUTC());
    }

    LoginBackoff(int free, Duration initial, Duration max, Clock clock) {
        this.free = free;
        this.initial = initial;
        this.max = max;
        this.clock = clock;
        // forgotten after a quiet max-backoff (+ the initial step): old failures stop counting
        this.states = Caffeine.newBuilder().maximumSize(MAX_TRACKED_KEYS)
                .expireAfterWrite(max.plus(initial)).build();
    }

    /** Counts this attempt as a failure now, unless the key must still wait (then refused, nothing counted). */
    public RateLimit.Verdict reserve(String key) {
        Instant now = clock.instant();
        RateLimit.Verdict[] verdict = {RateLimit.Verdict.ALLOWED};
        states.asMap().compute(key, (k, state) -> {
            State current = state == null ? new State(0, Instant.EPOCH) : state;
            if (now.isBefore(current.blockedUntil())) {
                verdict[0] = RateLimit.Verdict.refused(Duration.between(now, current.blockedUntil()).toNanos());
                return current;
            }
            int failures = current.failures() + 1;
            return new State(failures, failures < free ? Instant.EPOCH : now.plus(backoff(failures - free)));
        });
        return verdict[0];
    }

    /** The reserved attempt succeeded: the key starts afresh. */
    public void succeeded(String key) {
        states.invalidate(key);
    }

    Duration backoff(int step) {
        Duration wait = initial;
        for (int i = 0; i < step && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
