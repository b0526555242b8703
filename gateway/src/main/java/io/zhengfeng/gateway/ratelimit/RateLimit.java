package io.zhengfeng.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * "At most N per period" per key (a client IP, a username and IP), as one Bucket4j token bucket per
 * key. Tokens come back all at once at the end of each period ({@code refillIntervally}), which is
 * what a client reading {@code Retry-After} expects. Buckets live in a bounded Caffeine cache and
 * are forgotten once idle for longer than a period: an idle bucket is full anyway.
 */
public final class RateLimit {
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final String name;
    private final int requests;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    public RateLimit(String name, int requests, Duration period) {
        this.name = name;
        this.requests = requests;
        this.period = period;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED_KEYS)
                .expireAfterAccess(period.multipliedBy(2))
                .build();
    }

    /** Takes one token; a refusal says how long to wait. */
    public Verdict consume(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Verdict.ALLOWED : Verdict.refused(probe.getNanosToWaitForRefill());
    }

    /** Takes one token and says what is left of the period's allowance (for RateLimit headers). */
    public Charge charge(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return new Charge(probe.isConsumed(), probe.getRemainingTokens(), seconds(probe.getNanosToWaitForReset()));
    }

    /** Whether a token is left, without taking it. */
    public Verdict peek(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Verdict.ALLOWED;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Verdict.ALLOWED : Verdict.refused(probe.getNanosToWaitForRefill());
    }

    /** Gives back a token taken by {@link #consume} (an attempt that turned out not to count). */
    public void refund(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    public void forget(String key) {
        buckets.invalidate(key);
    }

    public String name() {
        return name;
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(requests).refillIntervally(requests, period).build())
                .build());
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    public int requests() {
        return requests;
    }

    public Duration period() {
        return period;
    }

    /**
     * @param remaining tokens left in this period
     * @param resetSeconds whole seconds until the allowance is full again (at least 1); when refused,
     *        also how long to wait
     */
    public record Charge(boolean allowed, long remaining, long resetSeconds) {
    }

    /** @param retryAfterSeconds whole seconds, at least 1, when refused */
    public record Verdict(boolean allowed, long retryAfterSeconds) {
        static final Verdict ALLOWED = new Verdict(true, 0);

        static Verdict refused(long nanosToWait) {
            return new Verdict(false, seconds(nanosToWait));
        }
    }
}
